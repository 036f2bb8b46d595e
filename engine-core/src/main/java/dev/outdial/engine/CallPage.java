package dev.outdial.engine;

import java.util.List;

/**
 * A page of a campaign's calls, in dial order.
 *
 * @param calls the calls from {@code offset}, at most the requested limit
 * @param offset index of the first call of the page
 * @param total calls in the campaign
 */
public record CallPage(List<CallView> calls, int offset, int total) {

  public CallPage {
    calls = List.copyOf(calls);
  }
}

package dev.outdial.store;

import java.util.function.Consumer;

/**
 * What a key's owner hears from its {@link RequestRelay}: a request submitted for a key, or that it
 * may have missed some and must look at all its keys. Both are called on the relay's listener
 * thread: return quickly (hand the work to another thread), since notifications wait meanwhile. An
 * exception thrown is logged and otherwise ignored.
 */
public interface RelayListener {
  /**
   * A request was submitted for {@code keyId} (any key: the listener ignores keys its node does not
   * own). Call {@link RequestRelay#take} for it.
   */
  void requested(String keyId);

  /**
   * Requests may have been submitted without this node hearing of them: call {@link
   * RequestRelay#take} for every key the node owns. Called when the relay starts listening, after
   * every reconnect of its listening connection, and every {@link RelayTerms#requestPoll()} while
   * it is connected.
   */
  void catchUp();

  /**
   * A listener of two functions: {@code requested} for {@link #requested}, the other for catch-up.
   */
  static RelayListener of(Consumer<String> requested, Runnable catchUp) {
    return new RelayListener() {
      @Override
      public void requested(String keyId) {
        requested.accept(keyId);
      }

      @Override
      public void catchUp() {
        catchUp.run();
      }
    };
  }
}

package dev.outdial.engine.store;

/**
 * The store could not do what was asked: it is unreachable, full, or refused. For a {@link
 * CampaignStore#commit}, the changes may or may not have been committed.
 */
public class StoreException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public StoreException(String message, Throwable cause) {
    super(message, cause);
  }

  public StoreException(String message) {
    super(message);
  }
}

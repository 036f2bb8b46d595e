package dev.outdial.store;

import dev.outdial.engine.store.StoreException;

/**
 * A write was fenced off: this node no longer holds a key it wrote under (another node claimed it,
 * the lease expired unrenewed, or it was released). The transaction must be rolled back, and the
 * node must stop dialling for the key until it claims it again and reloads its state.
 */
public final class KeyLeaseLostException extends StoreException {
  private static final long serialVersionUID = 1L;

  private final String keyId;

  KeyLeaseLostException(String keyId, String message) {
    super(message);
    this.keyId = keyId;
  }

  /** The key this node lost. */
  public String keyId() {
    return keyId;
  }
}

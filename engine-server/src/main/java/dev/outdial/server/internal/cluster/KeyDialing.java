package dev.outdial.server.internal.cluster;

/**
 * What a node asks of its dialer when it hands a key over: the calls of the key not yet placed, and
 * withholding at once those whose create waits for its turn (their recipients go back to their
 * queues, for the key's next owner to dial). The Twilio dialer's; none for other dialers.
 */
public interface KeyDialing {
  /** A dialer that places every call at once: nothing waits, nothing to withhold. */
  KeyDialing IMMEDIATE =
      new KeyDialing() {
        @Override
        public int unplaced(String keyId) {
          return 0;
        }

        @Override
        public void withhold(String keyId) {}
      };

  /** Calls of {@code keyId} the dialer follows whose provider call is not known yet. */
  int unplaced(String keyId);

  /** Reports the calls of {@code keyId} waiting to be created as not placed, now. */
  void withhold(String keyId);
}

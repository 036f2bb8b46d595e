package dev.outdial.engine.spi;

/** {@link SuppressionList#none()}: one instance, so the engine can skip asking it. */
enum NoSuppression implements SuppressionList {
  INSTANCE;

  @Override
  public boolean isSuppressed(String keyId, String phone) {
    return false;
  }
}

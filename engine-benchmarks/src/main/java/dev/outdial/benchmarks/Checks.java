package dev.outdial.benchmarks;

/** Sanity checks run outside the timed code: a benchmark that measured nothing must fail. */
final class Checks {
  private Checks() {}

  static void require(boolean condition, String what) {
    if (!condition) {
      throw new IllegalStateException("benchmark precondition failed: " + what);
    }
  }
}

package dev.outdial.benchmarks.report;

import java.util.Collection;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;

/**
 * One JMH figure: score, error (99.9% confidence half-width, NaN when there was one sample) and
 * unit, with what was run to get it.
 */
public record Measured(double score, double error, String unit, long samples) {

  static Measured of(Result<?> result) {
    return new Measured(
        result.getScore(), result.getScoreError(), result.getScoreUnit(), result.getSampleCount());
  }

  /** This figure times a factor (its error too), in another unit. */
  Measured times(double factor, String newUnit) {
    return new Measured(score * factor, error * factor, newUnit, samples);
  }

  /** The reciprocal rate of a time per operation, with the same relative error. */
  Measured perSecond(double operationsPerScoreSecond, String newUnit) {
    double rate = operationsPerScoreSecond / score;
    return new Measured(rate, Double.isNaN(error) ? error : rate * error / score, newUnit, samples);
  }

  /** Like {@code 12.3 ± 0.4 ns/op}. */
  String text() {
    return number(score) + " ± " + (Double.isNaN(error) ? "n/a" : number(error)) + " " + unit;
  }

  /** Three significant digits, thousands grouped, scientific beyond 10^7. */
  static String number(double value) {
    if (Double.isNaN(value)) {
      return "n/a";
    }
    double magnitude = Math.abs(value);
    if (magnitude >= 1e7) {
      return String.format(Locale.ROOT, "%.2e", value).replace("e+0", "e").replace("e+", "e");
    }
    if (magnitude >= 100) {
      return String.format(Locale.ROOT, "%,.0f", value);
    }
    if (magnitude >= 10) {
      return String.format(Locale.ROOT, "%.1f", value);
    }
    if (magnitude >= 1) {
      return String.format(Locale.ROOT, "%.2f", value);
    }
    return String.format(Locale.ROOT, "%.3g", value);
  }

  /** {@code Class.method [k=v]} of a run. */
  public static String label(RunResult result) {
    String benchmark = result.getParams().getBenchmark();
    String shortName =
        benchmark.substring(benchmark.lastIndexOf('.', benchmark.lastIndexOf('.') - 1) + 1);
    Map<String, String> params = new TreeMap<>();
    for (String key : result.getParams().getParamsKeys()) {
      params.put(key, result.getParams().getParam(key));
    }
    return params.isEmpty() ? shortName : shortName + " " + params;
  }

  /** The run of {@code Class.method} whose parameter {@code key} is {@code value} (any if null). */
  static @Nullable RunResult find(
      Collection<RunResult> results,
      String classAndMethod,
      @Nullable String key,
      @Nullable String value) {
    for (RunResult result : results) {
      String benchmark = result.getParams().getBenchmark();
      if (!benchmark.endsWith("." + classAndMethod)) {
        continue;
      }
      if (key == null || Objects.equals(result.getParams().getParam(key), value)) {
        return result;
      }
    }
    return null;
  }

  static @Nullable Measured primary(
      Collection<RunResult> results,
      String classAndMethod,
      @Nullable String key,
      @Nullable String value) {
    RunResult result = find(results, classAndMethod, key, value);
    return result == null ? null : of(result.getPrimaryResult());
  }

  static @Nullable Measured secondary(
      Collection<RunResult> results,
      String classAndMethod,
      @Nullable String key,
      @Nullable String value,
      String label) {
    RunResult result = find(results, classAndMethod, key, value);
    if (result == null) {
      return null;
    }
    Result<?> secondary = result.getSecondaryResults().get(label);
    return secondary == null ? null : of(secondary);
  }
}

package dev.outdial.engine.support;

import java.lang.reflect.AnnotatedElement;
import java.util.Optional;
import net.jqwik.api.lifecycle.AroundPropertyHook;
import net.jqwik.api.lifecycle.PropagationMode;
import net.jqwik.api.lifecycle.PropertyExecutionResult;
import net.jqwik.api.lifecycle.PropertyExecutor;
import net.jqwik.api.lifecycle.PropertyLifecycleContext;

/**
 * Makes a failed jqwik property replayable from CI's log (docs/testing.md). A failure's message
 * ends with the command that replays it, seed included, so it shows in Maven's summary of failures
 * and not only in jqwik's report above it. With the system property {@value #SEED} set (Maven hands
 * {@code -Doutdial.jqwik.seed=...} on to the test JVM) every property that runs uses that seed, as
 * if its {@code @Property} said {@code seed = "..."}: same tries, same samples, same failure.
 * Registered for every property of engine-core through {@code META-INF/services}.
 */
public final class ReplaySeed implements AroundPropertyHook {
  /** The system property holding the seed to replay. */
  public static final String SEED = "outdial.jqwik.seed";

  @Override
  public boolean appliesTo(Optional<AnnotatedElement> element) {
    return true;
  }

  @Override
  public PropagationMode propagateTo() {
    return PropagationMode.ALL_DESCENDANTS;
  }

  @Override
  public PropertyExecutionResult aroundProperty(
      PropertyLifecycleContext context, PropertyExecutor property) {
    String fixed = System.getProperty(SEED, "").strip();
    if (!fixed.isEmpty()) {
      context.attributes().setSeed(fixed);
    }
    PropertyExecutionResult result = property.execute();
    if (result.status() != PropertyExecutionResult.Status.FAILED || result.seed().isEmpty()) {
      return result;
    }
    Throwable failure = result.throwable().orElse(null);
    String replay =
        String.format(
            "%s%n  replay: ./mvnw -B -q -pl engine-core -am test -Dtest='%s#%s'"
                + " -Dsurefire.failIfNoSpecifiedTests=false -D%s=%s",
            failure == null ? "property failed" : failure.getMessage(),
            context.containerClass().getSimpleName(),
            context.targetMethod().getName(),
            SEED,
            result.seed().get());
    return result.mapToFailed(new AssertionError(replay, failure));
  }
}

/**
 * Outdial's public API: the batch campaign request, the engine that runs campaigns, and the values
 * it answers with. Everything outside this package and {@code dev.outdial.engine.spi} and {@code
 * dev.outdial.engine.testkit} is internal.
 */
@NullMarked
package dev.outdial.engine;

import org.jspecify.annotations.NullMarked;

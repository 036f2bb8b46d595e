/** The engine's machinery. Not an API: anything here may change without notice. */
@NullMarked
package dev.outdial.engine.internal;

import org.jspecify.annotations.NullMarked;

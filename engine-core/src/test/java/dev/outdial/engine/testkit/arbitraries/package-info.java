/**
 * jqwik arbitraries for Outdial's values, shipped to users in engine-core's test-jar so their
 * property tests can draw the same calling windows, zones and instants ours do.
 */
@NullMarked
package dev.outdial.engine.testkit.arbitraries;

import org.jspecify.annotations.NullMarked;

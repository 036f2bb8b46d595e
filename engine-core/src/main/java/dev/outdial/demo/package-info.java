/** The main job until engine-server exists: the seed's example campaign in simulated time. */
@NullMarked
package dev.outdial.demo;

import org.jspecify.annotations.NullMarked;

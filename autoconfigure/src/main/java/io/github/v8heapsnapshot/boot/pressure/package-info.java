/**
 * Capture on memory pressure: a watcher of garbage collection notifications, per-collector
 * rules that tell an exact occupancy of the long-lived heap from an upper bound, and an
 * episode state machine that allows one capture per climb.
 */
@NullMarked
package io.github.v8heapsnapshot.boot.pressure;

import org.jspecify.annotations.NullMarked;

/**
 * Auto-configuration of heap snapshots on memory pressure.
 */
@NullMarked
package io.github.v8heapsnapshot.boot.autoconfigure.pressure;

import org.jspecify.annotations.NullMarked;

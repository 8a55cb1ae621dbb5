/**
 * Off-heap indexes in memory-mapped temporary files, and small primitive maps.
 */
@NullMarked
package io.github.v8heapsnapshot.index;

import org.jspecify.annotations.NullMarked;

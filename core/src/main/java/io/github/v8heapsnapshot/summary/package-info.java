/**
 * A summary of a V8 {@code .heapsnapshot} computed without loading it into a browser: totals,
 * the class histogram with retained sizes as DevTools' Summary shows them, the biggest
 * retainers with their paths from the GC roots, and duplicated strings.
 */
@NullMarked
package io.github.v8heapsnapshot.summary;

import org.jspecify.annotations.NullMarked;

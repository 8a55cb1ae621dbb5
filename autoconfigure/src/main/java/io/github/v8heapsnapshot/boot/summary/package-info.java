/**
 * Summaries of stored heap snapshots, computed in the background, and class diffs between
 * two of them.
 */
@NullMarked
package io.github.v8heapsnapshot.boot.summary;

import org.jspecify.annotations.NullMarked;

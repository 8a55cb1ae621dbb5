/**
 * Test fixtures: hand-built HPROF bytes, heap dumps of known object graphs taken by forked
 * JVMs, and an independent reader of {@code .heapsnapshot} files.
 */
@NullMarked
package io.github.v8heapsnapshot.testing;

import org.jspecify.annotations.NullMarked;

/**
 * Streaming reader for the HPROF heap dumps HotSpot writes.
 */
@NullMarked
package io.github.v8heapsnapshot.hprof;

import org.jspecify.annotations.NullMarked;

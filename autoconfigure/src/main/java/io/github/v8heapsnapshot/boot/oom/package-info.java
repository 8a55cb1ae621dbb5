/**
 * Heap dumps that the JVM wrote on an {@link java.lang.OutOfMemoryError}
 * ({@code -XX:+HeapDumpOnOutOfMemoryError}), found at the next start.
 */
@NullMarked
package io.github.v8heapsnapshot.boot.oom;

import org.jspecify.annotations.NullMarked;

/**
 * Converting heap dumps out of the application's way: in a child JVM with a small heap, at
 * the lowest CPU priority and on a limited number of cores.
 */
@NullMarked
package io.github.v8heapsnapshot.boot.conversion;

import org.jspecify.annotations.NullMarked;

/**
 * Object layouts of HotSpot JVMs, from which the shallow size of each object is computed.
 */
@NullMarked
package io.github.v8heapsnapshot.layout;

import org.jspecify.annotations.NullMarked;

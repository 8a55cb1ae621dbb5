/**
 * Converting an HPROF heap dump into a V8 {@code .heapsnapshot} file: the engine's public API.
 */
@NullMarked
package io.github.v8heapsnapshot.convert;

import org.jspecify.annotations.NullMarked;

/**
 * The latency benchmark: request latency of a web application under a steady load while a
 * heap snapshot is taken, by each way of converting and beside Boot's own heap dump.
 */
@NullMarked
package io.github.v8heapsnapshot.bench.latency;

import org.jspecify.annotations.NullMarked;

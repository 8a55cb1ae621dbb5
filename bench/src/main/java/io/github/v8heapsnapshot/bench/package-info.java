/**
 * Benchmarks of the conversion beside the JVM's heap dump and Node's heap snapshot.
 */
@NullMarked
package io.github.v8heapsnapshot.bench;

import org.jspecify.annotations.NullMarked;

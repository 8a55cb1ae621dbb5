/**
 * Micrometer meters about heap snapshots.
 */
@NullMarked
package io.github.v8heapsnapshot.boot.metrics;

import org.jspecify.annotations.NullMarked;

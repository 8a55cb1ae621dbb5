/**
 * Auto-configuration for the meters about heap snapshots.
 */
@NullMarked
package io.github.v8heapsnapshot.boot.autoconfigure.metrics;

import org.jspecify.annotations.NullMarked;

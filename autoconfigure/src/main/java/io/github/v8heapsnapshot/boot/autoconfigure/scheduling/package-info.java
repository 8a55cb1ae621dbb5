/**
 * Auto-configuration for scheduled heap snapshots.
 */
@NullMarked
package io.github.v8heapsnapshot.boot.autoconfigure.scheduling;

import org.jspecify.annotations.NullMarked;

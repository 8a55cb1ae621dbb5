/**
 * Auto-configuration for heap snapshots and their actuator endpoint.
 */
@NullMarked
package io.github.v8heapsnapshot.boot.autoconfigure;

import org.jspecify.annotations.NullMarked;

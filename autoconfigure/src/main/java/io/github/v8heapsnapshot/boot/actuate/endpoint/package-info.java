/**
 * Actuator endpoint that takes and serves heap snapshots.
 */
@NullMarked
package io.github.v8heapsnapshot.boot.actuate.endpoint;

import org.jspecify.annotations.NullMarked;

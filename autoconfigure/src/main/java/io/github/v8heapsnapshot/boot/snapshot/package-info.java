/**
 * Taking, storing and listing heap snapshots of the running JVM.
 */
@NullMarked
package io.github.v8heapsnapshot.boot.snapshot;

import org.jspecify.annotations.NullMarked;

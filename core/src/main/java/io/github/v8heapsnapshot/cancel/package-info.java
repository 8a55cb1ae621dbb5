/**
 * Stopping a conversion or a summary early.
 */
@NullMarked
package io.github.v8heapsnapshot.cancel;

import org.jspecify.annotations.NullMarked;

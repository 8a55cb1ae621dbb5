/**
 * Runs the real consumers of {@code .heapsnapshot} files, memlab and Chrome DevTools, from tests.
 */
@NullMarked
package io.github.v8heapsnapshot.consumer;

import org.jspecify.annotations.NullMarked;

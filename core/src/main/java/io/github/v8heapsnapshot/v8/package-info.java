/**
 * Writing the V8 {@code .heapsnapshot} format: text, escaping and the strings table.
 */
@NullMarked
package io.github.v8heapsnapshot.v8;

import org.jspecify.annotations.NullMarked;

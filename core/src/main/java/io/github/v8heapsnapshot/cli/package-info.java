/**
 * The command line: converts an HPROF file into a {@code .heapsnapshot} file.
 */
@NullMarked
package io.github.v8heapsnapshot.cli;

import org.jspecify.annotations.NullMarked;

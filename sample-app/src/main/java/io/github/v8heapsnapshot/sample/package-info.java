/**
 * A small web application that leaks memory on purpose, to find the leak in a heap snapshot.
 */
@NullMarked
package io.github.v8heapsnapshot.sample;

import org.jspecify.annotations.NullMarked;

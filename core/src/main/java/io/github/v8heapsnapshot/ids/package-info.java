/**
 * Object ids that follow the objects across the snapshots of one JVM: a table of the last
 * snapshot's addresses and ids, kept on disk between snapshots, and the matching that gives
 * an object the id it had before.
 */
@NullMarked
package io.github.v8heapsnapshot.ids;

import org.jspecify.annotations.NullMarked;

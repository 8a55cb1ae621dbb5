/**
 * Converting an HPROF heap dump into a V8 {@code .heapsnapshot} file: the engine's public API.
 *
 * <p>A {@code Conversion} runs three passes. {@code IndexPass} indexes the dump into a
 * {@code HeapModel}. {@code LinkPass} workers resolve every reference and leave a
 * {@code LinkedGraph}: per worker a {@code LinkedRange} of temporary record files, each
 * format owned by one class ({@code NodeRecords}, {@code EdgeRecords},
 * {@code StrongEdges}, {@code TextRecords}, {@code EntryRecords}, {@code StringRecords}).
 * {@code WritePass} reads them back to number the nodes ({@code NodeNumbering}) and write
 * the snapshot ({@code SnapshotNodes}, {@code SnapshotEdges}).
 */
@NullMarked
package io.github.v8heapsnapshot.convert;

import org.jspecify.annotations.NullMarked;

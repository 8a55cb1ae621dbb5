package io.github.v8heapsnapshot.boot.snapshot;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.jspecify.annotations.Nullable;

/**
 * What is known about a stored heap snapshot. Kept as JSON beside the snapshot, so it
 * survives restarts.
 *
 * @param name the file name of the snapshot
 * @param created when the snapshot was started
 * @param trigger what asked for it
 * @param live whether only live objects were dumped
 * @param hprofBytes the size of the HPROF dump it was converted from
 * @param snapshotBytes the size of the {@code .heapsnapshot} file
 * @param nodeCount the number of nodes in the snapshot
 * @param edgeCount the number of edges in the snapshot
 * @param dumpMillis how long dumping the heap took, in milliseconds
 * @param convertMillis how long the conversion took, in milliseconds
 * @param pressure what made a snapshot under memory pressure, {@code null} for other
 * triggers
 * @author v8heapsnapshot developers
 * @since 0.1.0
 */
public record HeapSnapshotDescriptor(String name, Instant created, SnapshotTrigger trigger, boolean live,
		long hprofBytes, long snapshotBytes, long nodeCount, long edgeCount, long dumpMillis, long convertMillis,
		@JsonInclude(JsonInclude.Include.NON_NULL) @Nullable HeapPressure pressure) {

	/**
	 * Creates a descriptor of a snapshot not taken under memory pressure.
	 * @param name the file name of the snapshot
	 * @param created when the snapshot was started
	 * @param trigger what asked for it
	 * @param live whether only live objects were dumped
	 * @param hprofBytes the size of the HPROF dump it was converted from
	 * @param snapshotBytes the size of the {@code .heapsnapshot} file
	 * @param nodeCount the number of nodes in the snapshot
	 * @param edgeCount the number of edges in the snapshot
	 * @param dumpMillis how long dumping the heap took, in milliseconds
	 * @param convertMillis how long the conversion took, in milliseconds
	 */
	public HeapSnapshotDescriptor(String name, Instant created, SnapshotTrigger trigger, boolean live,
			long hprofBytes, long snapshotBytes, long nodeCount, long edgeCount, long dumpMillis, long convertMillis) {
		this(name, created, trigger, live, hprofBytes, snapshotBytes, nodeCount, edgeCount, dumpMillis, convertMillis,
				null);
	}

}

package io.github.v8heapsnapshot.boot.snapshot;

import java.io.IOException;
import java.nio.file.Files;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

/**
 * Stores snapshots of given dates and sizes, whose file is not a real snapshot, to test
 * what only needs them to be there.
 *
 * @author v8heapsnapshot developers
 */
public final class TestSnapshots {

	private TestSnapshots() {
	}

	/**
	 * Stores a snapshot.
	 * @param store the store
	 * @param created when the snapshot is said to be taken
	 * @param size the bytes of the snapshot file
	 * @return its descriptor
	 * @throws IOException if the files cannot be written
	 */
	public static HeapSnapshotDescriptor store(HeapSnapshotStore store, Instant created, int size)
			throws IOException {
		String name = HeapSnapshotNames.next(LocalDateTime.ofInstant(created, ZoneOffset.UTC));
		try (HeapSnapshotWorkspace workspace = store.getDirectory().createWorkspace(name)) {
			Files.writeString(workspace.snapshot(), "x".repeat(size));
			HeapSnapshotDescriptor descriptor = descriptor(name, created);
			store.store(descriptor, workspace, false);
			return descriptor;
		}
	}

	/**
	 * Returns the descriptor of a small snapshot.
	 * @param name the name
	 * @param created when it is said to be taken
	 * @return the descriptor
	 */
	public static HeapSnapshotDescriptor descriptor(String name, Instant created) {
		return new HeapSnapshotDescriptor(name, created, SnapshotTrigger.API, true, 20, 10, 3, 2, 5, 7);
	}

}

package io.github.v8heapsnapshot.boot.snapshot;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.util.FileSystemUtils;

/**
 * The hidden, owner-only files of a snapshot in progress: the HPROF dump
 * ({@code .<stem>.hprof}), the work directory ({@code .<stem>.work}) in which the
 * snapshot and its descriptor are written, and the converter's index directory
 * ({@code .<stem>.index}). Closing it deletes whatever is still there, so a snapshot that
 * fails, or whose files have been moved into place, leaves nothing behind.
 *
 * @author v8heapsnapshot developers
 * @since 0.2.0
 * @see HeapSnapshotDirectory#createWorkspace(String)
 */
public final class HeapSnapshotWorkspace implements AutoCloseable {

	private static final Log logger = LogFactory.getLog(HeapSnapshotWorkspace.class);

	private final String name;

	private final Path hprof;

	private final Path work;

	private final Path index;

	private final FileChannel owner;

	HeapSnapshotWorkspace(String name, Path hprof, Path work, Path index, FileChannel owner) {
		this.name = name;
		this.hprof = hprof;
		this.work = work;
		this.index = index;
		this.owner = owner;
	}

	/**
	 * Returns the name of the snapshot in progress.
	 * @return the name
	 */
	public String name() {
		return this.name;
	}

	/**
	 * Returns the file the HPROF dump is written to. The JVM creates it readable by its
	 * owner only.
	 * @return the file, which does not exist until the heap is dumped
	 */
	public Path hprof() {
		return this.hprof;
	}

	/**
	 * Returns the file the snapshot is converted to.
	 * @return the file in the work directory
	 */
	public Path snapshot() {
		return this.work.resolve(this.name);
	}

	/**
	 * Returns the file the descriptor is written to before it is moved into place.
	 * @return the file in the work directory
	 */
	public Path descriptor() {
		return this.work.resolve(this.name + HeapSnapshotDirectory.DESCRIPTOR_SUFFIX);
	}

	/**
	 * Returns the directory in which the converter keeps its index files.
	 * @return the directory
	 */
	public Path index() {
		return this.index;
	}

	/**
	 * Returns the bytes of the dump and of the snapshot written so far.
	 * @return the size in bytes
	 */
	public long bytesWritten() {
		long written = HeapSnapshotStore.sizeOf(this.hprof);
		try (Stream<Path> files = Files.list(this.work)) {
			return written + files.mapToLong(HeapSnapshotStore::sizeOf).sum();
		}
		catch (IOException | UncheckedIOException ex) {
			// Moved into place or deleted meanwhile
			return written;
		}
	}

	/**
	 * Deletes the files of the snapshot that are still here, and releases the lock that
	 * told other processes it was in progress.
	 */
	@Override
	public void close() {
		try {
			this.owner.close();
		}
		catch (IOException ex) {
			logger.warn("Failed to release the lock of heap snapshot '" + this.name + "'", ex);
		}
		for (Path file : List.of(this.index, this.work, this.hprof)) {
			try {
				FileSystemUtils.deleteRecursively(file);
			}
			catch (IOException ex) {
				logger.warn("Failed to delete temporary heap snapshot file '" + file + "'", ex);
			}
		}
	}

}

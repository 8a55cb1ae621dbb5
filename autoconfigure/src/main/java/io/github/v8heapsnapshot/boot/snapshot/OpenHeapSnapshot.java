package io.github.v8heapsnapshot.boot.snapshot;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;

/**
 * A snapshot just taken and stored, with its file already open for reading: it can be
 * read whole even if it is deleted meanwhile.
 *
 * @param descriptor the descriptor of the stored snapshot
 * @param file the stored file
 * @param channel the open file, to be closed by the caller
 * @author v8heapsnapshot developers
 * @since 0.2.0
 */
public record OpenHeapSnapshot(HeapSnapshotDescriptor descriptor, Path file, FileChannel channel) implements AutoCloseable {

	@Override
	public void close() throws IOException {
		this.channel.close();
	}

}

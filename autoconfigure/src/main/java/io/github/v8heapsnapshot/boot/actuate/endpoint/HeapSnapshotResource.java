package io.github.v8heapsnapshot.boot.actuate.endpoint;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.channels.ReadableByteChannel;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.atomic.AtomicReference;

import io.github.v8heapsnapshot.boot.snapshot.OpenHeapSnapshot;
import org.jspecify.annotations.Nullable;

import org.springframework.core.io.FileSystemResource;

/**
 * A stored heap snapshot sent by the endpoint, which web layers send as an attachment
 * named after {@link #getFilename()}.
 *
 * @author v8heapsnapshot developers
 * @since 0.1.0
 */
public class HeapSnapshotResource extends FileSystemResource {

	private final AtomicReference<@Nullable FileChannel> opened;

	private final long length;

	/**
	 * Creates a resource that is first read from the snapshot's open file, so that it is
	 * sent whole even if it is deleted before.
	 * @param snapshot the snapshot, open
	 * @throws IOException if the size of the open file cannot be read
	 */
	public HeapSnapshotResource(OpenHeapSnapshot snapshot) throws IOException {
		this(snapshot.file(), snapshot.channel());
	}

	private HeapSnapshotResource(Path file, FileChannel channel) throws IOException {
		super(file);
		this.opened = new AtomicReference<>(channel);
		this.length = channel.size();
	}

	/**
	 * Opens a stored snapshot, so that it is sent whole even if it is deleted before.
	 * @param file the stored snapshot
	 * @return the resource
	 * @throws NoSuchFileException if the snapshot is no longer there
	 * @throws IOException if it cannot be opened
	 */
	public static HeapSnapshotResource open(Path file) throws IOException {
		FileChannel channel = FileChannel.open(file, StandardOpenOption.READ);
		try {
			return new HeapSnapshotResource(file, channel);
		}
		catch (IOException ex) {
			channel.close();
			throw ex;
		}
	}

	@Override
	public InputStream getInputStream() throws IOException {
		FileChannel channel = this.opened.getAndSet(null);
		return (channel != null) ? Channels.newInputStream(channel) : super.getInputStream();
	}

	@Override
	public ReadableByteChannel readableChannel() throws IOException {
		FileChannel channel = this.opened.getAndSet(null);
		return (channel != null) ? channel : super.readableChannel();
	}

	@Override
	public long contentLength() {
		return this.length;
	}

	@Override
	public boolean isFile() {
		// An open snapshot must be read from its channel, not from its path
		return false;
	}

}

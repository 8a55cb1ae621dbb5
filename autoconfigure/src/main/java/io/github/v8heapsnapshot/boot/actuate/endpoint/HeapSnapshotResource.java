package io.github.v8heapsnapshot.boot.actuate.endpoint;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.channels.ReadableByteChannel;
import java.nio.file.Path;
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
	 * Creates a resource.
	 * @param file the stored snapshot
	 */
	public HeapSnapshotResource(Path file) {
		super(file);
		this.opened = new AtomicReference<>();
		this.length = -1;
	}

	/**
	 * Creates a resource that is first read from the snapshot's open file, so that it is
	 * sent whole even if it is deleted before.
	 * @param snapshot the snapshot, open
	 * @throws IOException if the size of the open file cannot be read
	 */
	public HeapSnapshotResource(OpenHeapSnapshot snapshot) throws IOException {
		super(snapshot.file());
		this.opened = new AtomicReference<>(snapshot.channel());
		this.length = snapshot.channel().size();
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
	public long contentLength() throws IOException {
		return (this.length >= 0) ? this.length : super.contentLength();
	}

	@Override
	public boolean isFile() {
		// An open snapshot must be read from its channel, not from its path
		return this.length < 0 && super.isFile();
	}

}

package io.github.v8heapsnapshot.boot.actuate.endpoint;

import java.nio.file.Path;

import org.springframework.core.io.FileSystemResource;

/**
 * A stored heap snapshot sent by the endpoint, which web layers send as an attachment
 * named after {@link #getFilename()}.
 *
 * @author v8heapsnapshot developers
 * @since 0.1.0
 */
public class HeapSnapshotResource extends FileSystemResource {

	/**
	 * Creates a resource.
	 * @param file the stored snapshot
	 */
	public HeapSnapshotResource(Path file) {
		super(file);
	}

}

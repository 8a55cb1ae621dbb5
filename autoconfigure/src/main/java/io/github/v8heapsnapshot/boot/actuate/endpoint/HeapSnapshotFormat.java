package io.github.v8heapsnapshot.boot.actuate.endpoint;

import org.springframework.boot.actuate.endpoint.Producible;
import org.springframework.util.MimeType;
import org.springframework.util.MimeTypeUtils;

/**
 * What a {@code GET} of the endpoint answers with, chosen by the {@code Accept} header: a
 * request that accepts only JSON lists the stored snapshots; any other takes a snapshot.
 *
 * @author v8heapsnapshot developers
 * @since 0.1.0
 */
public enum HeapSnapshotFormat implements Producible<HeapSnapshotFormat> {

	/**
	 * The descriptors of the stored snapshots, as JSON.
	 */
	DESCRIPTORS(MimeTypeUtils.APPLICATION_JSON),

	/**
	 * A new snapshot, as a file.
	 */
	SNAPSHOT(MimeTypeUtils.APPLICATION_OCTET_STREAM);

	private final MimeType mimeType;

	HeapSnapshotFormat(MimeType mimeType) {
		this.mimeType = mimeType;
	}

	@Override
	public MimeType getProducedMimeType() {
		return this.mimeType;
	}

	@Override
	public boolean isDefault() {
		return this == SNAPSHOT;
	}

}

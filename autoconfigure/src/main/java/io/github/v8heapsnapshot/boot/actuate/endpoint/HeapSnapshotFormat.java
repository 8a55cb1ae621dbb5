package io.github.v8heapsnapshot.boot.actuate.endpoint;

import org.springframework.boot.actuate.endpoint.ApiVersion;
import org.springframework.boot.actuate.endpoint.Producible;
import org.springframework.util.MimeType;
import org.springframework.util.MimeTypeUtils;

/**
 * What a {@code GET} of the endpoint answers with, chosen by the {@code Accept} header: a
 * request that accepts only JSON gets JSON (in the most recent of the media types it
 * accepts); any other gets a snapshot file.
 *
 * @author v8heapsnapshot developers
 * @since 0.1.0
 */
public enum HeapSnapshotFormat implements Producible<HeapSnapshotFormat> {

	/**
	 * JSON, as {@code application/json}.
	 */
	JSON(MimeTypeUtils.APPLICATION_JSON),

	/**
	 * JSON, as the actuator's v2 media type.
	 */
	ACTUATOR_V2_JSON(ApiVersion.V2.getProducedMimeType()),

	/**
	 * JSON, as the actuator's v3 media type.
	 */
	ACTUATOR_V3_JSON(ApiVersion.V3.getProducedMimeType()),

	/**
	 * A snapshot file. Last, so that it wins over JSON when both are accepted.
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

	/**
	 * Returns whether this is one of the JSON media types.
	 * @return {@code true} for JSON
	 */
	public boolean isJson() {
		return this != SNAPSHOT;
	}

}

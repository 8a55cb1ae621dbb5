package io.github.v8heapsnapshot.boot.actuate.endpoint.web;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;

import io.github.v8heapsnapshot.boot.actuate.endpoint.V8HeapSnapshotEndpoint;
import io.github.v8heapsnapshot.boot.snapshot.HeapSnapshotNames;
import io.github.v8heapsnapshot.boot.snapshot.HeapSnapshotStore;
import org.jspecify.annotations.Nullable;

import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.util.MimeType;
import org.springframework.util.MimeTypeUtils;

/**
 * What the download filters add to the endpoint's answers. The endpoint names the
 * snapshot an answer is about in a parameter of its content type
 * ({@link V8HeapSnapshotEndpoint#SNAPSHOT_PARAMETER}); here it becomes the
 * {@code Content-Disposition}, {@code ETag}, {@code Last-Modified} and
 * {@code Content-Length} of a download, or the {@code Location} of a snapshot just
 * started (whose descriptor is JSON), and leaves the content type. A stored snapshot never changes and its name is
 * never reused, so the quoted name is a strong validator.
 *
 * @author v8heapsnapshot developers
 */
final class HeapSnapshotDownloads {

	private final HeapSnapshotStore store;

	private final String endpointPath;

	HeapSnapshotDownloads(HeapSnapshotStore store, String endpointPath) {
		this.store = store;
		this.endpointPath = endpointPath;
	}

	/**
	 * Returns whether a path, within the application, is the endpoint's or below it.
	 */
	boolean isEndpointPath(String path) {
		return path.endsWith(this.endpointPath) || path.contains(this.endpointPath + "/");
	}

	/**
	 * Returns whether a path is the endpoint's root.
	 */
	boolean isRoot(String path) {
		return path.endsWith(this.endpointPath);
	}

	/**
	 * Returns the snapshot a path names, directly below the endpoint's path.
	 */
	@Nullable String nameInPath(String path) {
		int slash = path.lastIndexOf('/');
		if (slash < 0 || !path.substring(0, slash).endsWith(this.endpointPath)) {
			return null;
		}
		String name = path.substring(slash + 1);
		return HeapSnapshotNames.isValid(name) ? name : null;
	}

	/**
	 * Returns whether an {@code If-Range} validator still matches the stored snapshot, so
	 * that a {@code Range} may be served.
	 */
	boolean ifRangeMatches(String ifRange, String name) {
		if (ifRange.startsWith("\"") || ifRange.startsWith("W/")) {
			return ifRange.equals(eTag(name));
		}
		Instant lastModified = lastModified(name);
		try {
			Instant validator = ZonedDateTime.parse(ifRange, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
			return lastModified != null && validator.equals(lastModified);
		}
		catch (DateTimeParseException ex) {
			return false;
		}
	}

	/**
	 * Reads the snapshot named in a content type, if any.
	 */
	static @Nullable String snapshotIn(@Nullable String contentType) {
		if (contentType == null || !contentType.contains(V8HeapSnapshotEndpoint.SNAPSHOT_PARAMETER)) {
			return null;
		}
		try {
			String name = MimeTypeUtils.parseMimeType(contentType)
				.getParameter(V8HeapSnapshotEndpoint.SNAPSHOT_PARAMETER);
			return (name != null && HeapSnapshotNames.isValid(name)) ? name : null;
		}
		catch (RuntimeException ex) {
			return null;
		}
	}

	/**
	 * Returns whether a content type is that of a download rather than of a snapshot's
	 * descriptor.
	 */
	static boolean isDownload(String contentType) {
		return MimeTypeUtils.APPLICATION_OCTET_STREAM.equalsTypeAndSubtype(MimeTypeUtils.parseMimeType(contentType));
	}

	/**
	 * Returns a content type without the snapshot's name.
	 */
	static String withoutSnapshot(String contentType) {
		MimeType mimeType = MimeTypeUtils.parseMimeType(contentType);
		Map<String, String> parameters = new LinkedHashMap<>(mimeType.getParameters());
		parameters.remove(V8HeapSnapshotEndpoint.SNAPSHOT_PARAMETER);
		return new MimeType(mimeType.getType(), mimeType.getSubtype(), parameters).toString();
	}

	/**
	 * Returns the headers of a download of a snapshot.
	 */
	HttpHeaders downloadHeaders(String name) {
		HttpHeaders headers = new HttpHeaders();
		headers.setContentDisposition(ContentDisposition.attachment().filename(name).build());
		headers.setETag(eTag(name));
		Instant lastModified = lastModified(name);
		if (lastModified != null) {
			headers.setLastModified(lastModified);
		}
		return headers;
	}

	/**
	 * Returns the size of a stored snapshot, or -1 if it is gone.
	 */
	long size(String name) {
		Path file = this.store.snapshotFile(name);
		try {
			return (file != null) ? Files.size(file) : -1;
		}
		catch (IOException ex) {
			return -1;
		}
	}

	/**
	 * Returns the location of a snapshot, from the location of the endpoint's root.
	 */
	static String location(String rootUri, String name) {
		return rootUri + "/" + name;
	}

	private static String eTag(String name) {
		return "\"" + name + "\"";
	}

	private @Nullable Instant lastModified(String name) {
		Path file = this.store.snapshotFile(name);
		try {
			return (file != null) ? Files.getLastModifiedTime(file).toInstant().truncatedTo(ChronoUnit.SECONDS) : null;
		}
		catch (IOException ex) {
			return null;
		}
	}

}

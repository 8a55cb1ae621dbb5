package io.github.v8heapsnapshot.boot.actuate.endpoint;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import io.github.v8heapsnapshot.boot.snapshot.HeapDumperUnavailableException;
import io.github.v8heapsnapshot.boot.snapshot.HeapSnapshotDescriptor;
import io.github.v8heapsnapshot.boot.snapshot.HeapSnapshotService;
import io.github.v8heapsnapshot.boot.snapshot.InsufficientDiskSpaceException;
import io.github.v8heapsnapshot.boot.snapshot.InsufficientHeapException;
import io.github.v8heapsnapshot.boot.snapshot.OpenHeapSnapshot;
import io.github.v8heapsnapshot.boot.snapshot.SnapshotInProgressException;
import io.github.v8heapsnapshot.boot.snapshot.SnapshotTrigger;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.actuate.endpoint.Access;
import org.springframework.boot.actuate.endpoint.annotation.DeleteOperation;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;
import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;
import org.springframework.boot.actuate.endpoint.web.annotation.WebEndpoint;
import org.springframework.util.MimeTypeUtils;

/**
 * Web {@link Endpoint @Endpoint} to take, list, download and delete heap snapshots that
 * Chrome DevTools and memlab open. A heap holds secrets, so nothing is reachable until
 * access is granted and the endpoint exposed.
 *
 * @author v8heapsnapshot developers
 * @since 0.1.0
 */
@WebEndpoint(id = "v8heapsnapshot", defaultAccess = Access.NONE)
public class V8HeapSnapshotEndpoint {

	/**
	 * HTTP status for a snapshot that does not fit on the disk.
	 */
	public static final int STATUS_INSUFFICIENT_STORAGE = 507;

	private static final Log logger = LogFactory.getLog(V8HeapSnapshotEndpoint.class);

	private final HeapSnapshotService service;

	/**
	 * Creates an endpoint.
	 * @param service the service that takes and stores the snapshots
	 */
	public V8HeapSnapshotEndpoint(HeapSnapshotService service) {
		this.service = service;
	}

	/**
	 * Takes a snapshot, stores it and sends it; or, to a request that accepts only JSON,
	 * lists the stored snapshots, newest first.
	 * @param live whether to dump only live objects, or {@code null} for the default
	 * @param format what to answer with
	 * @return the snapshot, the descriptors, or a status with a message
	 */
	@ReadOperation(producesFrom = HeapSnapshotFormat.class)
	public WebEndpointResponse<?> heapSnapshot(@Nullable Boolean live, HeapSnapshotFormat format) {
		if (format == HeapSnapshotFormat.DESCRIPTORS) {
			return descriptors();
		}
		return take(() -> {
			OpenHeapSnapshot snapshot = this.service.takeAndOpenSnapshot(SnapshotTrigger.ENDPOINT, live);
			return new WebEndpointResponse<>(new HeapSnapshotResource(snapshot),
					MimeTypeUtils.APPLICATION_OCTET_STREAM);
		});
	}

	private WebEndpointResponse<?> descriptors() {
		try {
			List<HeapSnapshotDescriptor> descriptors = this.service.list();
			return new WebEndpointResponse<>(descriptors, MimeTypeUtils.APPLICATION_JSON);
		}
		catch (IOException ex) {
			logger.error("Failed to list heap snapshots", ex);
			return failure(WebEndpointResponse.STATUS_INTERNAL_SERVER_ERROR, "Failed to list heap snapshots");
		}
	}

	/**
	 * Takes a snapshot with the default {@code live} setting and stores it without
	 * sending it. Without parameters, the operation needs no request body, so a plain
	 * {@code POST} works.
	 * @return the descriptor of the snapshot, or a status with a message
	 */
	@WriteOperation
	public WebEndpointResponse<?> takeSnapshot() {
		return take(() -> new WebEndpointResponse<>(this.service.takeSnapshot(SnapshotTrigger.ENDPOINT, null),
				MimeTypeUtils.APPLICATION_JSON));
	}

	/**
	 * Sends a stored snapshot.
	 * @param name the name of the snapshot
	 * @return the snapshot, or 404 if there is no snapshot of that name
	 */
	@ReadOperation
	public WebEndpointResponse<?> download(@Selector String name) {
		Path file = this.service.file(name);
		if (file == null) {
			return failure(WebEndpointResponse.STATUS_NOT_FOUND, "No heap snapshot of that name");
		}
		return new WebEndpointResponse<>(new HeapSnapshotResource(file), MimeTypeUtils.APPLICATION_OCTET_STREAM);
	}

	/**
	 * Deletes a stored snapshot.
	 * @param name the name of the snapshot
	 * @return 204, or 404 if there is no snapshot of that name
	 */
	@DeleteOperation
	public WebEndpointResponse<?> delete(@Selector String name) {
		try {
			if (this.service.delete(name)) {
				return new WebEndpointResponse<>(WebEndpointResponse.STATUS_NO_CONTENT);
			}
			return failure(WebEndpointResponse.STATUS_NOT_FOUND, "No heap snapshot of that name");
		}
		catch (IOException ex) {
			logger.error("Failed to delete heap snapshot '" + name + "'", ex);
			return failure(WebEndpointResponse.STATUS_INTERNAL_SERVER_ERROR, "Failed to delete the heap snapshot");
		}
	}

	private WebEndpointResponse<?> take(Taking taking) {
		try {
			return taking.take();
		}
		catch (SnapshotInProgressException ex) {
			return failure(WebEndpointResponse.STATUS_TOO_MANY_REQUESTS, ex.getMessage());
		}
		catch (HeapDumperUnavailableException | InsufficientHeapException ex) {
			return failure(WebEndpointResponse.STATUS_SERVICE_UNAVAILABLE, ex.getMessage());
		}
		catch (InsufficientDiskSpaceException ex) {
			return failure(STATUS_INSUFFICIENT_STORAGE, ex.getMessage());
		}
		catch (IOException ex) {
			logger.error("Heap snapshot failed", ex);
			return failure(WebEndpointResponse.STATUS_INTERNAL_SERVER_ERROR,
					"Heap snapshot failed; the cause is in the application log");
		}
	}

	private static WebEndpointResponse<String> failure(int status, @Nullable String message) {
		return new WebEndpointResponse<>(String.valueOf(message), status, MimeTypeUtils.TEXT_PLAIN);
	}

	@FunctionalInterface
	private interface Taking {

		WebEndpointResponse<?> take() throws IOException;

	}

}

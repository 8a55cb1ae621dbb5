package io.github.v8heapsnapshot.boot.actuate.endpoint;

import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.github.v8heapsnapshot.boot.snapshot.HeapDumperUnavailableException;
import io.github.v8heapsnapshot.boot.snapshot.HeapSnapshotDescriptor;
import io.github.v8heapsnapshot.boot.snapshot.HeapSnapshotException;
import io.github.v8heapsnapshot.boot.snapshot.HeapSnapshotService;
import io.github.v8heapsnapshot.boot.snapshot.HeapSnapshotTask;
import io.github.v8heapsnapshot.boot.snapshot.InsufficientDiskSpaceException;
import io.github.v8heapsnapshot.boot.snapshot.InsufficientHeapException;
import io.github.v8heapsnapshot.boot.snapshot.OpenHeapSnapshot;
import io.github.v8heapsnapshot.boot.snapshot.SnapshotInProgressException;
import io.github.v8heapsnapshot.boot.snapshot.SnapshotState;
import io.github.v8heapsnapshot.boot.snapshot.SnapshotTrigger;
import io.github.v8heapsnapshot.boot.summary.HeapSnapshotSummaries;
import io.github.v8heapsnapshot.boot.summary.SummaryState;
import io.github.v8heapsnapshot.summary.HeapSummary;
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
import org.springframework.util.MimeType;
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
	 * HTTP status for a snapshot started in the background.
	 */
	public static final int STATUS_ACCEPTED = 202;

	/**
	 * HTTP status for a snapshot that does not fit on the disk.
	 */
	public static final int STATUS_INSUFFICIENT_STORAGE = 507;

	/**
	 * HTTP status for a snapshot that is still in progress.
	 */
	public static final int STATUS_CONFLICT = 409;

	/**
	 * Parameter of the content type of an answer that names the snapshot it is about,
	 * which the endpoint's web filters turn into headers.
	 */
	public static final String SNAPSHOT_PARAMETER = "snapshot";

	private static final String NOT_FOUND = "No heap snapshot of that name";

	private static final String SUMMARY = "summary";

	private static final String DIFF = "diff";

	private static final String IN_PROGRESS = "The heap snapshot is still in progress";

	private static final Comparator<SnapshotDescriptor> NEWEST_FIRST = Comparator
		.comparing(SnapshotDescriptor::created)
		.thenComparing(SnapshotDescriptor::name)
		.reversed();

	private static final Log logger = LogFactory.getLog(V8HeapSnapshotEndpoint.class);

	private final HeapSnapshotService service;

	private final @Nullable HeapSnapshotSummaries summaries;

	private final boolean takeOnRead;

	/**
	 * Creates an endpoint whose {@code GET} takes a snapshot unless the request accepts
	 * only JSON, without summaries.
	 * @param service the service that takes and stores the snapshots
	 */
	public V8HeapSnapshotEndpoint(HeapSnapshotService service) {
		this(service, null, true);
	}

	/**
	 * Creates an endpoint.
	 * @param service the service that takes and stores the snapshots
	 * @param summaries the summaries of the stored snapshots, or {@code null} if they are
	 * not computed
	 * @param takeOnRead whether a {@code GET} that does not accept only JSON takes a
	 * snapshot; if not, every {@code GET} lists the snapshots
	 * @since 0.2.0
	 */
	public V8HeapSnapshotEndpoint(HeapSnapshotService service, @Nullable HeapSnapshotSummaries summaries,
			boolean takeOnRead) {
		this.service = service;
		this.summaries = summaries;
		this.takeOnRead = takeOnRead;
	}

	/**
	 * Takes a snapshot, stores it and sends it once it is stored; or, to a request that
	 * accepts only JSON (or to every request if taking on read is off), lists the
	 * snapshots: stored, in progress and recently failed, newest first.
	 * @param live whether to dump only live objects, or {@code null} for the default
	 * @param format what to answer with
	 * @return the snapshot, the listing, or a status with a message
	 */
	@ReadOperation(producesFrom = HeapSnapshotFormat.class)
	public WebEndpointResponse<?> heapSnapshot(@Nullable Boolean live, HeapSnapshotFormat format) {
		if (format.isJson()) {
			return listing(format.getProducedMimeType());
		}
		if (!this.takeOnRead) {
			return listing(json(format));
		}
		return takeAndSend(live);
	}

	private WebEndpointResponse<?> listing(MimeType json) {
		try {
			// A snapshot is stored a moment before it ends: until then its task describes it
			List<SnapshotDescriptor> snapshots = new ArrayList<>();
			Set<String> names = new HashSet<>();
			for (HeapSnapshotTask task : this.service.tasks()) {
				snapshots.add(SnapshotDescriptor.of(task));
				names.add(task.getName());
			}
			this.service.list()
				.stream()
				.filter((descriptor) -> !names.contains(descriptor.name()))
				.forEach((descriptor) -> snapshots.add(describe(descriptor)));
			snapshots.sort(NEWEST_FIRST);
			return new WebEndpointResponse<>(new SnapshotListing(snapshots), json);
		}
		catch (IOException ex) {
			logger.error("Failed to list heap snapshots", ex);
			return message(WebEndpointResponse.STATUS_INTERNAL_SERVER_ERROR, "Failed to list heap snapshots", json);
		}
	}

	private WebEndpointResponse<?> takeAndSend(@Nullable Boolean live) {
		try {
			OpenHeapSnapshot snapshot = this.service.takeAndOpenSnapshot(SnapshotTrigger.ENDPOINT, live);
			return new WebEndpointResponse<>(new HeapSnapshotResource(snapshot),
					naming(MimeTypeUtils.APPLICATION_OCTET_STREAM, snapshot.descriptor().name()));
		}
		catch (HeapSnapshotException ex) {
			return text(status(ex), ex.getMessage());
		}
		catch (IOException ex) {
			logger.error("Heap snapshot failed", ex);
			return text(WebEndpointResponse.STATUS_INTERNAL_SERVER_ERROR, HeapSnapshotService.FAILURE_LOGGED);
		}
	}

	/**
	 * Starts a snapshot and answers at once with its descriptor ({@code 202}); the
	 * snapshot's progress and outcome are in its descriptor and in the listing.
	 * @param live whether to dump only live objects, or {@code null} for the default
	 * @param format the JSON media type to answer with
	 * @return the descriptor of the snapshot in progress, or a status with a message
	 */
	@WriteOperation(producesFrom = HeapSnapshotFormat.class)
	public WebEndpointResponse<?> takeSnapshot(@Nullable Boolean live, HeapSnapshotFormat format) {
		try {
			HeapSnapshotTask task = this.service.submitSnapshot(SnapshotTrigger.ENDPOINT, live);
			return new WebEndpointResponse<>(SnapshotDescriptor.of(task), STATUS_ACCEPTED,
					naming(json(format), task.getName()));
		}
		catch (SnapshotInProgressException ex) {
			HeapSnapshotTask inProgress = ex.getInProgress();
			return new WebEndpointResponse<>(new EndpointMessage(String.valueOf(ex.getMessage()),
					(inProgress != null) ? SnapshotDescriptor.of(inProgress) : null), status(ex));
		}
		catch (HeapSnapshotException ex) {
			return new WebEndpointResponse<>(new EndpointMessage(String.valueOf(ex.getMessage()), null), status(ex));
		}
		catch (IOException ex) {
			logger.error("Heap snapshot failed", ex);
			return new WebEndpointResponse<>(new EndpointMessage(HeapSnapshotService.FAILURE_LOGGED, null),
					WebEndpointResponse.STATUS_INTERNAL_SERVER_ERROR);
		}
	}

	/**
	 * Sends a stored snapshot; or, to a request that accepts only JSON, describes a
	 * snapshot, stored, in progress or recently failed.
	 * @param name the name of the snapshot
	 * @param format what to answer with
	 * @return the snapshot or its descriptor; 404 if there is no snapshot of that name,
	 * 409 for the file of a snapshot in progress
	 */
	@ReadOperation(producesFrom = HeapSnapshotFormat.class)
	public WebEndpointResponse<?> snapshot(@Selector String name, HeapSnapshotFormat format) {
		if (format.isJson()) {
			return descriptor(name, format.getProducedMimeType());
		}
		Path file = this.service.file(name);
		if (file != null) {
			try {
				return new WebEndpointResponse<>(HeapSnapshotResource.open(file),
						naming(MimeTypeUtils.APPLICATION_OCTET_STREAM, name));
			}
			catch (NoSuchFileException ex) {
				// Deleted since it was found: not there any more
			}
			catch (IOException ex) {
				logger.error("Heap snapshot '" + name + "' could not be read", ex);
				return text(WebEndpointResponse.STATUS_INTERNAL_SERVER_ERROR, HeapSnapshotService.FAILURE_LOGGED);
			}
		}
		if (isInProgress(name)) {
			return text(STATUS_CONFLICT, IN_PROGRESS);
		}
		return text(WebEndpointResponse.STATUS_NOT_FOUND, NOT_FOUND);
	}

	private WebEndpointResponse<?> descriptor(String name, MimeType json) {
		HeapSnapshotTask task = this.service.task(name);
		if (task != null) {
			return new WebEndpointResponse<>(SnapshotDescriptor.of(task), json);
		}
		HeapSnapshotDescriptor descriptor = this.service.getStore().descriptor(name);
		if (descriptor != null) {
			return new WebEndpointResponse<>(describe(descriptor), json);
		}
		return message(WebEndpointResponse.STATUS_NOT_FOUND, NOT_FOUND, json);
	}

	/**
	 * Answers the summary of a stored snapshot.
	 * @param name the name of the snapshot
	 * @param part {@code summary}
	 * @return the summary; 202 while it is computed, 404 if there is no stored snapshot of
	 * that name or summaries are not computed
	 */
	@ReadOperation
	public WebEndpointResponse<?> summary(@Selector String name, @Selector String part) {
		HeapSnapshotSummaries summaries = this.summaries;
		SummaryState state = (summaries != null && SUMMARY.equals(part)) ? summaries.state(name) : null;
		if (summaries == null || state == null) {
			return new WebEndpointResponse<>(new EndpointMessage(NOT_FOUND, null), WebEndpointResponse.STATUS_NOT_FOUND);
		}
		HeapSummary summary = summaries.summary(name);
		if (state == SummaryState.PENDING || summary == null) {
			return new WebEndpointResponse<>(SnapshotSummary.pending(name), STATUS_ACCEPTED);
		}
		return new WebEndpointResponse<>(SnapshotSummary.of(summary));
	}

	/**
	 * Compares, class by class, the summaries of two stored snapshots.
	 * @param name the name of the snapshot compared
	 * @param part {@code diff}
	 * @param base the name of the snapshot it is compared with
	 * @return the diff; 202 while either summary is computed, 404 if either snapshot is
	 * not stored
	 */
	@ReadOperation
	public WebEndpointResponse<?> diff(@Selector String name, @Selector String part, @Selector String base) {
		HeapSnapshotSummaries summaries = this.summaries;
		if (summaries == null || !DIFF.equals(part) || summaries.state(name) == null
				|| summaries.state(base) == null) {
			return new WebEndpointResponse<>(new EndpointMessage(NOT_FOUND, null), WebEndpointResponse.STATUS_NOT_FOUND);
		}
		HeapSummary summary = summaries.summary(name);
		HeapSummary baseSummary = summaries.summary(base);
		if (summary == null || baseSummary == null) {
			return new WebEndpointResponse<>(SnapshotSummary.pending((summary == null) ? name : base), STATUS_ACCEPTED);
		}
		return new WebEndpointResponse<>(SnapshotDiff.of(summary, baseSummary));
	}

	/**
	 * Deletes a stored snapshot, or forgets a failed one.
	 * @param name the name of the snapshot
	 * @return 204, 404 if there is no snapshot of that name, or 409 if it is in progress
	 */
	@DeleteOperation
	public WebEndpointResponse<?> delete(@Selector String name) {
		if (isInProgress(name)) {
			return text(STATUS_CONFLICT, IN_PROGRESS);
		}
		try {
			if (this.service.delete(name)) {
				return new WebEndpointResponse<>(WebEndpointResponse.STATUS_NO_CONTENT);
			}
			return text(WebEndpointResponse.STATUS_NOT_FOUND, NOT_FOUND);
		}
		catch (IOException ex) {
			logger.error("Failed to delete heap snapshot '" + name + "'", ex);
			return text(WebEndpointResponse.STATUS_INTERNAL_SERVER_ERROR, "Failed to delete the heap snapshot");
		}
	}

	private boolean isInProgress(String name) {
		HeapSnapshotTask task = this.service.task(name);
		// Stored before its task hears of it: a snapshot in the store is no longer in progress
		return task != null && task.getState() == SnapshotState.IN_PROGRESS && this.service.file(name) == null;
	}

	private SnapshotDescriptor describe(HeapSnapshotDescriptor descriptor) {
		SummaryState summary = (this.summaries != null) ? this.summaries.state(descriptor.name()) : null;
		return SnapshotDescriptor.of(descriptor, summary);
	}

	private static int status(HeapSnapshotException ex) {
		if (ex instanceof SnapshotInProgressException) {
			return WebEndpointResponse.STATUS_TOO_MANY_REQUESTS;
		}
		if (ex instanceof HeapDumperUnavailableException || ex instanceof InsufficientHeapException) {
			return WebEndpointResponse.STATUS_SERVICE_UNAVAILABLE;
		}
		if (ex instanceof InsufficientDiskSpaceException) {
			return STATUS_INSUFFICIENT_STORAGE;
		}
		return WebEndpointResponse.STATUS_INTERNAL_SERVER_ERROR;
	}

	private static MimeType json(HeapSnapshotFormat format) {
		return (format.isJson() ? format : HeapSnapshotFormat.ACTUATOR_V3_JSON).getProducedMimeType();
	}

	private static MimeType naming(MimeType type, String name) {
		return new MimeType(type, Map.of(SNAPSHOT_PARAMETER, name));
	}

	private static WebEndpointResponse<EndpointMessage> message(int status, String message, MimeType json) {
		return new WebEndpointResponse<>(new EndpointMessage(message, null), status, json);
	}

	private static WebEndpointResponse<String> text(int status, @Nullable String message) {
		return new WebEndpointResponse<>(String.valueOf(message), status, MimeTypeUtils.TEXT_PLAIN);
	}

}

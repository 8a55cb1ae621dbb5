package io.github.v8heapsnapshot.boot.snapshot;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import io.github.v8heapsnapshot.boot.snapshot.HeapSnapshotProgress.Phase;
import io.github.v8heapsnapshot.cancel.Cancellation;
import io.github.v8heapsnapshot.convert.ConversionListener;
import io.github.v8heapsnapshot.convert.ConversionPhase;
import io.github.v8heapsnapshot.convert.ObjectIdStatistics;
import org.jspecify.annotations.Nullable;

/**
 * A snapshot being taken, from the moment its name is given until it is stored or has
 * failed: its state, its progress while in progress, its failure's reason. Safe to read
 * from any thread while the snapshot runs.
 *
 * @author v8heapsnapshot developers
 * @since 0.2.0
 */
public final class HeapSnapshotTask {

	private static final Log logger = LogFactory.getLog(HeapSnapshotTask.class);

	private final String name;

	private final Instant created;

	private final SnapshotTrigger trigger;

	private final boolean live;

	private final long start = System.nanoTime();

	private final long expectedDumpBytes;

	private final CompletableFuture<HeapSnapshotDescriptor> completion = new CompletableFuture<>();

	private final Cancellation cancellation = new Cancellation();

	private volatile SnapshotState state = SnapshotState.IN_PROGRESS;

	private volatile Phase phase = Phase.DUMP;

	private volatile double phaseDone;

	private volatile @Nullable HeapSnapshotWorkspace workspace;

	private volatile @Nullable String failure;

	private volatile @Nullable Instant ended;

	HeapSnapshotTask(String name, Instant created, SnapshotTrigger trigger, boolean live, long expectedDumpBytes) {
		this.name = name;
		this.created = created;
		this.trigger = trigger;
		this.live = live;
		this.expectedDumpBytes = expectedDumpBytes;
	}

	/**
	 * Returns the name the snapshot is stored under.
	 * @return the name
	 */
	public String getName() {
		return this.name;
	}

	/**
	 * Returns when the snapshot was started.
	 * @return the instant
	 */
	public Instant getCreated() {
		return this.created;
	}

	/**
	 * Returns what asked for the snapshot.
	 * @return the trigger
	 */
	public SnapshotTrigger getTrigger() {
		return this.trigger;
	}

	/**
	 * Returns whether only live objects are dumped.
	 * @return whether the snapshot is of live objects
	 */
	public boolean isLive() {
		return this.live;
	}

	/**
	 * Returns where the snapshot is.
	 * @return the state
	 */
	public SnapshotState getState() {
		return this.state;
	}

	/**
	 * Returns how far the snapshot is.
	 * @return the progress, or {@code null} if the snapshot is no longer in progress
	 */
	public @Nullable HeapSnapshotProgress getProgress() {
		if (this.state != SnapshotState.IN_PROGRESS) {
			return null;
		}
		Phase phase = this.phase;
		long written = bytesWritten();
		double done = (phase != Phase.DUMP) ? this.phaseDone
				: (this.expectedDumpBytes > 0) ? Math.min(0.99, written / (double) this.expectedDumpBytes) : 0;
		return new HeapSnapshotProgress(phase, phase.percent(done), written,
				Duration.ofNanos(System.nanoTime() - this.start));
	}

	/**
	 * Returns why the snapshot failed, in words for the caller: never a stack trace.
	 * @return the reason, or {@code null} unless the snapshot failed
	 */
	public @Nullable String getFailure() {
		return this.failure;
	}

	/**
	 * Returns when the snapshot was stored or failed.
	 * @return the instant, or {@code null} while in progress
	 */
	public @Nullable Instant getEnded() {
		return this.ended;
	}

	/**
	 * Returns a future completed with the stored snapshot's descriptor, or exceptionally
	 * with the failure, for code that waits.
	 * @return the future
	 */
	public CompletableFuture<HeapSnapshotDescriptor> completion() {
		return this.completion.copy();
	}

	void started(HeapSnapshotWorkspace workspace) {
		this.workspace = workspace;
	}

	ConversionListener conversionListener() {
		return new ConversionListener() {

			@Override
			public void progress(ConversionPhase phase, long done, long total) {
				HeapSnapshotTask.this.phase = phase(phase);
				HeapSnapshotTask.this.phaseDone = (total > 0) ? done / (double) total : 0;
			}

			@Override
			public void objectIdsAssigned(ObjectIdStatistics statistics) {
				logObjectIds(statistics);
			}

		};
	}

	private void logObjectIds(ObjectIdStatistics statistics) {
		if (statistics.previousNodes() == 0) {
			logger.info("Heap snapshot '" + this.name + "' numbers its " + statistics.nodes()
					+ " objects afresh: the next snapshot of this process continues their ids");
		}
		else {
			logger.info(String.format(Locale.ROOT,
					"Heap snapshot '%s': %d of its %d objects kept their ids from the previous snapshot (%.2f %%), "
							+ "%d are new",
					this.name, statistics.kept(), statistics.nodes(), 100.0 * statistics.kept() / statistics.nodes(),
					statistics.fresh()));
		}
	}

	Cancellation cancellation() {
		return this.cancellation;
	}

	void stored(HeapSnapshotDescriptor descriptor) {
		end(SnapshotState.STORED);
		this.completion.complete(descriptor);
	}

	void failed(String reason, Throwable cause) {
		this.failure = reason;
		end(SnapshotState.FAILED);
		this.completion.completeExceptionally(cause);
	}

	private void end(SnapshotState state) {
		this.ended = Instant.now();
		this.workspace = null;
		this.state = state;
	}

	private long bytesWritten() {
		HeapSnapshotWorkspace workspace = this.workspace;
		return (workspace != null) ? workspace.bytesWritten() : 0;
	}

	private static Phase phase(ConversionPhase phase) {
		return switch (phase) {
			case INDEX -> Phase.INDEX;
			case LINK -> Phase.LINK;
			case WRITE -> Phase.WRITE;
		};
	}

}

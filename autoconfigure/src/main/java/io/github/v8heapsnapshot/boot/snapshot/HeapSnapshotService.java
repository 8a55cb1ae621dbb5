package io.github.v8heapsnapshot.boot.snapshot;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;

import io.github.v8heapsnapshot.convert.ConversionOptions;
import io.github.v8heapsnapshot.convert.ConversionResult;
import io.github.v8heapsnapshot.convert.HeapSnapshotConverter;
import io.github.v8heapsnapshot.layout.ObjectLayout;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * Takes heap snapshots of the running JVM: dumps the heap to a temporary HPROF file in a
 * {@link HeapSnapshotWorkspace}, converts it with the live JVM's object layout, stores the
 * {@code .heapsnapshot} under a generated name and applies the retention policy. One
 * snapshot is taken at a time per {@link HeapSnapshotLock}. Usable from application code.
 *
 * @author v8heapsnapshot developers
 * @since 0.1.0
 */
public class HeapSnapshotService {

	private static final Log logger = LogFactory.getLog(HeapSnapshotService.class);

	private final HeapSnapshotStore store;

	private final HeapDumper heapDumper;

	private final ConversionOptions conversionOptions;

	private final HeapSnapshotLock lock;

	private final Clock clock;

	private HeapSnapshotAdmission admission = new HeapSnapshotAdmission();

	private HeapSnapshotRetention retention = new HeapSnapshotRetention();

	private boolean live = true;

	private boolean keepHprof;

	private Duration busyWait = Duration.ofMillis(100);

	private List<HeapSnapshotListener> listeners = List.of();

	/**
	 * Creates a service with a lock of its own.
	 * @param store where snapshots are stored
	 * @param heapDumper how the heap is dumped
	 * @param conversionOptions how dumps are converted; the object layout is replaced by
	 * the running JVM's, and the temporary directory by the workspace's index directory
	 */
	public HeapSnapshotService(HeapSnapshotStore store, HeapDumper heapDumper, ConversionOptions conversionOptions) {
		this(store, heapDumper, conversionOptions, new HeapSnapshotLock(), Clock.systemDefaultZone());
	}

	/**
	 * Creates a service.
	 * @param store where snapshots are stored
	 * @param heapDumper how the heap is dumped
	 * @param conversionOptions how dumps are converted; the object layout is replaced by
	 * the running JVM's, and the temporary directory by the workspace's index directory
	 * @param lock the lock shared by everything that takes snapshots of this JVM
	 * @param clock the clock that names and dates snapshots
	 */
	public HeapSnapshotService(HeapSnapshotStore store, HeapDumper heapDumper, ConversionOptions conversionOptions,
			HeapSnapshotLock lock, Clock clock) {
		this.store = store;
		this.heapDumper = heapDumper;
		this.conversionOptions = conversionOptions;
		this.lock = lock;
		this.clock = clock;
	}

	/**
	 * Sets the policy that decides whether a snapshot may go ahead.
	 * @param admission the admission policy
	 */
	public void setAdmission(HeapSnapshotAdmission admission) {
		this.admission = admission;
	}

	/**
	 * Sets the policy that deletes old snapshots after each new one.
	 * @param retention the retention policy
	 */
	public void setRetention(HeapSnapshotRetention retention) {
		this.retention = retention;
	}

	/**
	 * Sets whether snapshots include only live objects when the caller does not say.
	 * @param live whether to dump only live objects by default
	 */
	public void setLive(boolean live) {
		this.live = live;
	}

	/**
	 * Sets whether to keep the HPROF dump beside each snapshot.
	 * @param keepHprof whether to keep dumps
	 */
	public void setKeepHprof(boolean keepHprof) {
		this.keepHprof = keepHprof;
	}

	/**
	 * Sets how long to wait for a snapshot in progress before giving up.
	 * @param busyWait the wait
	 */
	public void setBusyWait(Duration busyWait) {
		this.busyWait = busyWait;
	}

	/**
	 * Sets the listeners to tell about snapshots.
	 * @param listeners the listeners
	 */
	public void setListeners(List<HeapSnapshotListener> listeners) {
		this.listeners = List.copyOf(listeners);
	}

	/**
	 * Returns the store of the snapshots.
	 * @return the store
	 */
	public HeapSnapshotStore getStore() {
		return this.store;
	}

	/**
	 * Takes a snapshot and stores it.
	 * @param trigger what asks for it
	 * @param live whether to dump only live objects, or {@code null} for the default
	 * @return the descriptor of the stored snapshot
	 * @throws IOException if dumping, converting or storing fails; no file is left
	 * behind
	 * @throws SnapshotInProgressException if another snapshot is in progress and does not
	 * end within the busy wait
	 * @throws HeapDumperUnavailableException if this JVM cannot dump its heap
	 * @throws InsufficientDiskSpaceException if the storage directory has too little free
	 * space, or fills up
	 * @throws InsufficientHeapException if too little heap is free to convert the dump
	 */
	public HeapSnapshotDescriptor takeSnapshot(SnapshotTrigger trigger, @Nullable Boolean live) throws IOException {
		return take(trigger, live, false).descriptor();
	}

	/**
	 * Takes a snapshot, stores it, and opens it before anything else can see it, so that
	 * it can be sent whole even if it is deleted meanwhile.
	 * @param trigger what asks for it
	 * @param live whether to dump only live objects, or {@code null} for the default
	 * @return the stored snapshot, open for reading
	 * @throws IOException if dumping, converting or storing fails; no file is left
	 * behind
	 * @see #takeSnapshot(SnapshotTrigger, Boolean)
	 */
	public OpenHeapSnapshot takeAndOpenSnapshot(SnapshotTrigger trigger, @Nullable Boolean live) throws IOException {
		Taken taken = take(trigger, live, true);
		Assert.state(taken.channel() != null, "'channel' must not be null");
		Path file = this.store.getDirectory().getPath().resolve(taken.descriptor().name());
		return new OpenHeapSnapshot(taken.descriptor(), file, taken.channel());
	}

	private Taken take(SnapshotTrigger trigger, @Nullable Boolean live, boolean open) throws IOException {
		try (HeapSnapshotLock.Permit permit = this.lock.tryAcquire(this.busyWait)) {
			if (permit == null) {
				this.listeners.forEach((listener) -> listener.rejected(trigger));
				throw new SnapshotInProgressException(
						"Another heap snapshot is in progress; try again when it is done");
			}
			return takeLocked(trigger, (live != null) ? live : this.live, open);
		}
	}

	private Taken takeLocked(SnapshotTrigger trigger, boolean live, boolean open) throws IOException {
		Instant created = this.clock.instant();
		String name = HeapSnapshotNames.next(LocalDateTime.ofInstant(created, this.clock.getZone()));
		HeapSnapshotDirectory directory = this.store.getDirectory();
		directory.create();
		this.admission.checkDiskSpace(directory.getPath());
		this.listeners.forEach((listener) -> listener.started(trigger));
		try (HeapSnapshotWorkspace workspace = directory.createWorkspace(name)) {
			return takeIn(workspace, new Snapshot(name, created, trigger, live), open);
		}
		finally {
			this.listeners.forEach((listener) -> listener.ended(trigger));
		}
	}

	private Taken takeIn(HeapSnapshotWorkspace workspace, Snapshot snapshot, boolean open) throws IOException {
		try {
			HeapSnapshotDescriptor descriptor = dumpAndConvert(snapshot, workspace);
			FileChannel channel = open ? FileChannel.open(workspace.snapshot(), StandardOpenOption.READ) : null;
			try {
				store(descriptor, workspace);
			}
			catch (IOException | RuntimeException ex) {
				if (channel != null) {
					channel.close();
				}
				throw ex;
			}
			return new Taken(descriptor, channel);
		}
		catch (IOException ex) {
			// Checked while the failed files still fill the disk
			HeapSnapshotDirectory directory = this.store.getDirectory();
			if (this.admission.isDiskFull(directory.getPath(), workspace.index())) {
				logger.warn("Heap snapshot failed on a full disk", ex);
				throw new InsufficientDiskSpaceException(
						"Not enough free disk space: the disk filled up during the heap snapshot", ex);
			}
			throw ex;
		}
	}

	private HeapSnapshotDescriptor dumpAndConvert(Snapshot snapshot, HeapSnapshotWorkspace workspace)
			throws IOException {
		Duration dump = timed(SnapshotPhase.DUMP, snapshot.trigger(), () -> {
			this.heapDumper.dumpHeap(workspace.hprof(), snapshot.live());
			return workspace.hprof();
		}).duration();
		this.admission.checkFreeHeap();
		Timed<ConversionResult> conversion = timed(SnapshotPhase.CONVERT, snapshot.trigger(),
				() -> convert(workspace));
		return snapshot.describe(conversion.value(), dump, conversion.duration());
	}

	private void store(HeapSnapshotDescriptor descriptor, HeapSnapshotWorkspace workspace) throws IOException {
		this.store.store(descriptor, workspace, this.keepHprof);
		this.listeners.forEach((listener) -> listener.stored(descriptor));
		this.retention.apply(this.store);
	}

	private ConversionResult convert(HeapSnapshotWorkspace workspace) throws IOException {
		ConversionOptions options = this.conversionOptions.withLayout(ObjectLayout.ofRunningJvm())
			.withTempDirectory(workspace.index());
		return new HeapSnapshotConverter(options).convert(workspace.hprof(), workspace.snapshot());
	}

	private <T> Timed<T> timed(SnapshotPhase phase, SnapshotTrigger trigger, Phase<T> action) throws IOException {
		long start = System.nanoTime();
		try {
			T value = action.run();
			return new Timed<>(value, phaseEnded(phase, trigger, start, true));
		}
		catch (IOException | RuntimeException ex) {
			phaseEnded(phase, trigger, start, false);
			throw ex;
		}
	}

	private Duration phaseEnded(SnapshotPhase phase, SnapshotTrigger trigger, long start, boolean success) {
		Duration duration = Duration.ofNanos(System.nanoTime() - start);
		this.listeners.forEach((listener) -> listener.phaseEnded(phase, trigger, duration, success));
		return duration;
	}

	/**
	 * Returns the descriptors of the stored snapshots, newest first.
	 * @return the descriptors
	 * @throws IOException if the storage directory cannot be read
	 */
	public List<HeapSnapshotDescriptor> list() throws IOException {
		return this.store.list();
	}

	/**
	 * Returns the file of a stored snapshot.
	 * @param name the name of the snapshot, possibly not a valid one
	 * @return the file, or {@code null} if there is no snapshot of that name
	 */
	public @Nullable Path file(String name) {
		return this.store.snapshotFile(name);
	}

	/**
	 * Deletes a stored snapshot.
	 * @param name the name of the snapshot, possibly not a valid one
	 * @return whether a snapshot of that name existed
	 * @throws IOException if its files cannot be deleted
	 */
	public boolean delete(String name) throws IOException {
		return this.store.delete(name);
	}

	@FunctionalInterface
	private interface Phase<T> {

		T run() throws IOException;

	}

	private record Taken(HeapSnapshotDescriptor descriptor, @Nullable FileChannel channel) {

	}

	private record Timed<T>(T value, Duration duration) {

	}

	private record Snapshot(String name, Instant created, SnapshotTrigger trigger, boolean live) {

		HeapSnapshotDescriptor describe(ConversionResult result, Duration dump, Duration conversion) {
			return new HeapSnapshotDescriptor(this.name, this.created, this.trigger, this.live, result.hprofBytes(),
					result.snapshotBytes(), result.nodeCount(), result.edgeCount(), dump.toMillis(),
					conversion.toMillis());
		}

	}

}

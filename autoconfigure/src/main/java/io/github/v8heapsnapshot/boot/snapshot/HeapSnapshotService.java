package io.github.v8heapsnapshot.boot.snapshot;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import io.github.v8heapsnapshot.boot.conversion.DumpConverter;
import io.github.v8heapsnapshot.cancel.Cancellation;
import io.github.v8heapsnapshot.convert.ConversionListener;
import io.github.v8heapsnapshot.convert.ConversionOptions;
import io.github.v8heapsnapshot.convert.ConversionResult;
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
public class HeapSnapshotService implements AutoCloseable {

	/**
	 * What a caller is told of a failure whose cause is logged.
	 */
	public static final String FAILURE_LOGGED = "Heap snapshot failed; the cause is in the application log";

	/**
	 * How long closing waits for a snapshot in progress to remove its files.
	 */
	private static final Duration AWAIT_TERMINATION = Duration.ofSeconds(30);

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

	private final HeapSnapshotTasks tasks = new HeapSnapshotTasks();

	private @Nullable ExecutorService executor;

	private DumpConverter converter = DumpConverter.inProcess();

	private @Nullable DumpConverter isolatedConverter;

	private @Nullable HeapSnapshotObjectIds objectIds;

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
	 * Sets how dumps are converted, in this JVM by default.
	 * @param converter the converter
	 */
	public void setConverter(DumpConverter converter) {
		this.converter = converter;
	}

	/**
	 * Sets how the dumps taken under memory pressure, and those left by a JVM that ran out
	 * of memory, are converted: out of the application's heap, as in a child JVM. By
	 * default as the others.
	 * @param isolatedConverter the converter, or {@code null} for the one of the others
	 */
	public void setIsolatedConverter(@Nullable DumpConverter isolatedConverter) {
		this.isolatedConverter = isolatedConverter;
	}

	/**
	 * Sets the listeners to tell about snapshots.
	 * @param listeners the listeners
	 */
	public void setListeners(List<HeapSnapshotListener> listeners) {
		this.listeners = List.copyOf(listeners);
	}

	/**
	 * Sets the object id table that continues the ids of this JVM's objects from one
	 * snapshot to the next.
	 * @param objectIds the table, or {@code null} to number each snapshot's objects from
	 * scratch
	 */
	public void setObjectIds(@Nullable HeapSnapshotObjectIds objectIds) {
		this.objectIds = objectIds;
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

	/**
	 * Starts a snapshot and returns at once; the dump, the conversion and the storing run
	 * on a thread of the service. Only the checks that come before the dump are made
	 * before this method returns.
	 * @param trigger what asks for it
	 * @param live whether to dump only live objects, or {@code null} for the default
	 * @return the snapshot in progress, which says when it is stored or has failed
	 * @throws IOException if the storage directory cannot be created
	 * @throws SnapshotInProgressException if another snapshot is in progress and does not
	 * end within the busy wait
	 * @throws InsufficientDiskSpaceException if the storage directory has too little free
	 * space
	 */
	public HeapSnapshotTask submitSnapshot(SnapshotTrigger trigger, @Nullable Boolean live) throws IOException {
		HeapSnapshotLock.Permit permit = acquire(trigger, this.busyWait);
		try {
			HeapSnapshotTask task = start(trigger, live, this.clock.instant());
			executor().execute(() -> {
				try {
					run(task, false, dumpHeap(task), permit);
				}
				catch (HeapSnapshotException ex) {
					logger.warn("Heap snapshot '" + task.getName() + "' failed: " + ex.getMessage());
				}
				catch (IOException | RuntimeException ex) {
					logger.error("Heap snapshot '" + task.getName() + "' failed", ex);
				}
			});
			return task;
		}
		catch (IOException | RuntimeException ex) {
			permit.close();
			throw ex;
		}
	}

	/**
	 * Returns the snapshots in progress and those that failed within the last hour (at
	 * most five), newest first.
	 * @return the snapshots not in the store
	 */
	public List<HeapSnapshotTask> tasks() {
		return this.tasks.list();
	}

	/**
	 * Returns a snapshot in progress or one that failed recently.
	 * @param name the name of the snapshot, possibly not a valid one
	 * @return the snapshot, or {@code null} if there is none of that name in progress or
	 * failed recently
	 */
	public @Nullable HeapSnapshotTask task(String name) {
		return this.tasks.get(name);
	}

	/**
	 * Stops a snapshot running on the service's thread, interrupting its conversion, waits
	 * for it to remove its files, and releases the object id table's lock.
	 */
	@Override
	public void close() {
		ExecutorService executor;
		synchronized (this) {
			executor = this.executor;
			this.executor = null;
		}
		if (executor != null) {
			HeapSnapshotTask running = this.tasks.inProgress();
			if (running != null) {
				running.cancellation().cancel();
			}
			executor.shutdownNow();
			try {
				executor.awaitTermination(AWAIT_TERMINATION.toMillis(), TimeUnit.MILLISECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
		if (this.objectIds != null) {
			try {
				this.objectIds.close();
			}
			catch (IOException ex) {
				logger.warn("Failed to release the object id table's lock", ex);
			}
		}
	}

	private synchronized ExecutorService executor() {
		if (this.executor == null) {
			this.executor = Executors.newSingleThreadExecutor((runnable) -> {
				Thread thread = new Thread(runnable, "v8heapsnapshot-task");
				thread.setDaemon(true);
				return thread;
			});
		}
		return this.executor;
	}

	/**
	 * Takes a snapshot of live objects because the heap is under pressure, unless another
	 * snapshot is in progress: dumps the heap and converts the dump with the
	 * {@linkplain #setIsolatedConverter isolated converter}, since the application's heap
	 * has no room for a conversion.
	 * @param pressure what made the snapshot, recorded in its descriptor
	 * @return the descriptor of the stored snapshot
	 * @throws IOException if dumping, converting or storing fails; no file is left
	 * behind
	 * @throws SnapshotInProgressException if another snapshot is in progress
	 * @throws InsufficientDiskSpaceException if the storage directory has too little free
	 * space, or fills up
	 */
	public HeapSnapshotDescriptor takeSnapshotUnderPressure(HeapPressure pressure) throws IOException {
		try (HeapSnapshotLock.Permit permit = acquire(SnapshotTrigger.PRESSURE, Duration.ZERO)) {
			HeapSnapshotTask task = start(SnapshotTrigger.PRESSURE, true, this.clock.instant());
			Source source = dumpHeap(task);
			return run(task, false, new Source(source.dump(), pressure, this.keepHprof), permit).descriptor();
		}
	}

	/**
	 * Converts a heap dump that the JVM wrote before it died of an
	 * {@link OutOfMemoryError} into a stored snapshot, dated by the dump, with the
	 * {@linkplain #setIsolatedConverter isolated converter}. The dump is moved into the
	 * snapshot's workspace first, so that no other process converts it too, and is then
	 * deleted, or kept beside the snapshot.
	 * @param hprof the complete dump
	 * @param dumped when the JVM wrote it
	 * @param wait how long to wait for a snapshot in progress
	 * @param keepHprof whether to keep the dump beside the snapshot
	 * @return the descriptor of the stored snapshot
	 * @throws IOException if the dump cannot be moved, converted or stored; the dump is
	 * deleted when it was moved and could not be converted
	 * @throws java.nio.file.NoSuchFileException if another process took the dump first
	 */
	public HeapSnapshotDescriptor importOutOfMemoryDump(Path hprof, Instant dumped, Duration wait, boolean keepHprof)
			throws IOException {
		try (HeapSnapshotLock.Permit permit = acquire(SnapshotTrigger.OOM, wait)) {
			// The JVM dumps every object on an OutOfMemoryError, reachable or not
			HeapSnapshotTask task = start(SnapshotTrigger.OOM, false, dumped);
			return run(task, false, new Source((target) -> claim(hprof, target), null, keepHprof), permit)
				.descriptor();
		}
	}

	// An atomic move lets one process of those sharing the dump's directory have it
	private static void claim(Path hprof, Path target) throws IOException {
		try {
			Files.move(hprof, target, StandardCopyOption.ATOMIC_MOVE);
		}
		catch (AtomicMoveNotSupportedException ex) {
			Files.move(hprof, target);
		}
	}

	private Taken take(SnapshotTrigger trigger, @Nullable Boolean live, boolean open) throws IOException {
		try (HeapSnapshotLock.Permit permit = acquire(trigger, this.busyWait)) {
			HeapSnapshotTask task = start(trigger, live, this.clock.instant());
			return run(task, open, dumpHeap(task), permit);
		}
	}

	private Source dumpHeap(HeapSnapshotTask task) {
		return new Source((hprof) -> this.heapDumper.dumpHeap(hprof, task.isLive()), null, this.keepHprof);
	}

	private HeapSnapshotLock.Permit acquire(SnapshotTrigger trigger, Duration wait) {
		HeapSnapshotLock.Permit permit = this.lock.tryAcquire(wait);
		if (permit == null) {
			this.listeners.forEach((listener) -> listener.rejected(trigger));
			throw new SnapshotInProgressException("Another heap snapshot is in progress; try again when it is done",
					this.tasks.inProgress());
		}
		return permit;
	}

	private HeapSnapshotTask start(SnapshotTrigger trigger, @Nullable Boolean live, Instant created)
			throws IOException {
		String name = HeapSnapshotNames.next(LocalDateTime.ofInstant(created, this.clock.getZone()));
		HeapSnapshotDirectory directory = this.store.getDirectory();
		directory.create();
		this.admission.checkDiskSpace(directory.getPath());
		HeapSnapshotTask task = new HeapSnapshotTask(name, created, trigger, (live != null) ? live : this.live,
				this.admission.usedHeap());
		this.tasks.add(task);
		return task;
	}

	/**
	 * Runs a snapshot; the task tells its outcome only once the listeners know that it
	 * ended and the lock is released, so that a caller told of it can take another.
	 */
	private Taken run(HeapSnapshotTask task, boolean open, Source source, HeapSnapshotLock.Permit permit)
			throws IOException {
		this.listeners.forEach((listener) -> listener.started(task.getTrigger()));
		Taken taken;
		try (HeapSnapshotWorkspace workspace = this.store.getDirectory().createWorkspace(task.getName())) {
			task.started(workspace);
			taken = takeIn(workspace, task, open, source);
		}
		catch (IOException | RuntimeException ex) {
			ended(task, permit);
			task.failed((ex instanceof HeapSnapshotException) ? String.valueOf(ex.getMessage()) : FAILURE_LOGGED, ex);
			throw ex;
		}
		ended(task, permit);
		task.stored(taken.descriptor());
		return taken;
	}

	private void ended(HeapSnapshotTask task, HeapSnapshotLock.Permit permit) {
		this.listeners.forEach((listener) -> listener.ended(task.getTrigger()));
		permit.close();
	}

	private Taken takeIn(HeapSnapshotWorkspace workspace, HeapSnapshotTask task, boolean open, Source source)
			throws IOException {
		try {
			HeapSnapshotDescriptor descriptor = dumpAndConvert(task, workspace, source);
			FileChannel channel = open ? FileChannel.open(workspace.snapshot(), StandardOpenOption.READ) : null;
			try {
				store(descriptor, workspace, source.keepHprof());
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
			if (this.admission.isDiskFull(this.store.getDirectory().getPath(), workspace.index())) {
				logger.warn("Heap snapshot failed on a full disk", ex);
				throw new InsufficientDiskSpaceException(
						"Not enough free disk space: the disk filled up during the heap snapshot", ex);
			}
			throw ex;
		}
	}

	private HeapSnapshotDescriptor dumpAndConvert(HeapSnapshotTask task, HeapSnapshotWorkspace workspace,
			Source source) throws IOException {
		Duration dump = timed(SnapshotPhase.DUMP, task.getTrigger(), () -> {
			source.dump().to(workspace.hprof());
			return workspace.hprof();
		}).duration();
		DumpConverter converter = converter(task.getTrigger());
		if (converter.usesApplicationHeap()) {
			this.admission.checkFreeHeap();
		}
		Timed<ConversionResult> conversion = timed(SnapshotPhase.CONVERT, task.getTrigger(),
				() -> convert(converter, workspace, task.getTrigger(), task.conversionListener(), task.cancellation()));
		ConversionResult result = conversion.value();
		return new HeapSnapshotDescriptor(task.getName(), task.getCreated(), task.getTrigger(), task.isLive(),
				result.hprofBytes(), result.snapshotBytes(), result.nodeCount(), result.edgeCount(), dump.toMillis(),
				conversion.duration().toMillis(), source.pressure());
	}

	private DumpConverter converter(SnapshotTrigger trigger) {
		boolean isolated = trigger == SnapshotTrigger.PRESSURE || trigger == SnapshotTrigger.OOM;
		return (isolated && this.isolatedConverter != null) ? this.isolatedConverter : this.converter;
	}

	private void store(HeapSnapshotDescriptor descriptor, HeapSnapshotWorkspace workspace, boolean keepHprof)
			throws IOException {
		this.store.store(descriptor, workspace, keepHprof);
		this.listeners.forEach((listener) -> listener.stored(descriptor));
		this.retention.apply(this.store);
	}

	private ConversionResult convert(DumpConverter converter, HeapSnapshotWorkspace workspace,
			SnapshotTrigger trigger, ConversionListener listener, Cancellation cancellation) throws IOException {
		ConversionOptions options = this.conversionOptions.withLayout(ObjectLayout.ofRunningJvm())
			.withTempDirectory(workspace.index());
		// A dump that an earlier JVM wrote on OutOfMemoryError holds none of this JVM's objects
		if (this.objectIds != null && trigger != SnapshotTrigger.OOM) {
			options = this.objectIds.applyTo(options);
		}
		return converter.convert(workspace.hprof(), workspace.snapshot(), options, listener, cancellation);
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
	 * Deletes a stored snapshot, or forgets one that failed.
	 * @param name the name of the snapshot, possibly not a valid one
	 * @return whether a snapshot of that name existed
	 * @throws IOException if its files cannot be deleted
	 */
	public boolean delete(String name) throws IOException {
		if (this.tasks.remove(name)) {
			return true;
		}
		boolean deleted = this.store.delete(name);
		if (deleted && this.objectIds != null) {
			this.objectIds.retainFor(this.store.list());
		}
		return deleted;
	}

	@FunctionalInterface
	private interface Dump {

		void to(Path hprof) throws IOException;

	}

	/**
	 * Where the dump of a snapshot comes from, what made it, and whether to keep it.
	 */
	private record Source(Dump dump, @Nullable HeapPressure pressure, boolean keepHprof) {

	}

	@FunctionalInterface
	private interface Phase<T> {

		T run() throws IOException;

	}

	private record Taken(HeapSnapshotDescriptor descriptor, @Nullable FileChannel channel) {

	}

	private record Timed<T>(T value, Duration duration) {

	}

}

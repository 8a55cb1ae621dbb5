package io.github.v8heapsnapshot.boot.autoconfigure;

import java.io.File;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.github.v8heapsnapshot.convert.Redaction;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * Configuration properties for heap snapshots.
 *
 * @author v8heapsnapshot developers
 * @since 0.1.0
 */
@ConfigurationProperties("v8heapsnapshot")
public class V8HeapSnapshotProperties {

	private final Storage storage = new Storage();

	/**
	 * Whether snapshots include only live objects, after a full garbage collection, when
	 * a request does not say.
	 */
	private boolean live = true;

	/**
	 * Most characters of a string value kept in a snapshot.
	 */
	private int stringLimit = 1024;

	/**
	 * Whether to keep the HPROF dump beside each snapshot, for tools such as Eclipse MAT.
	 */
	private boolean keepHprof;

	/**
	 * Whether every snapshot of this process gives an object the id it had in the earlier
	 * ones, so that DevTools' Comparison and memlab match objects across snapshots. Costs
	 * conversion time and 16 bytes per object on disk.
	 */
	private boolean objectIds = true;

	/**
	 * How long a request waits for a snapshot in progress before it is turned away.
	 */
	private Duration busyWait = Duration.ofMillis(100);

	/**
	 * Free heap under which a dump is not converted (the answer is 503 instead). The
	 * conversion needs at most 64 MB of heap, whatever the size of the dump.
	 */
	private DataSize freeHeapReserve = DataSize.ofMegabytes(64);

	/**
	 * Directory for the converter's temporary index files. If not set, the storage
	 * directory is used.
	 */
	private @Nullable File tempDirectory;

	/**
	 * What to hide of the string values in snapshots.
	 */
	private Redaction redaction = Redaction.NONE;

	/**
	 * Comma-separated list of regular expressions matching field, key or property names
	 * whose string values the 'secrets' redaction masks, beyond the built-in ones.
	 */
	private List<String> sensitiveNames = new ArrayList<>();

	private final Schedule schedule = new Schedule();

	private final Conversion conversion = new Conversion();

	private final Pressure pressure = new Pressure();

	private final OutOfMemory oom = new OutOfMemory();

	private final Endpoint endpoint = new Endpoint();

	private final Summary summary = new Summary();

	public Storage getStorage() {
		return this.storage;
	}

	public boolean isLive() {
		return this.live;
	}

	public void setLive(boolean live) {
		this.live = live;
	}

	public int getStringLimit() {
		return this.stringLimit;
	}

	public void setStringLimit(int stringLimit) {
		this.stringLimit = stringLimit;
	}

	public boolean isKeepHprof() {
		return this.keepHprof;
	}

	public void setKeepHprof(boolean keepHprof) {
		this.keepHprof = keepHprof;
	}

	public boolean isObjectIds() {
		return this.objectIds;
	}

	public void setObjectIds(boolean objectIds) {
		this.objectIds = objectIds;
	}

	public Duration getBusyWait() {
		return this.busyWait;
	}

	public void setBusyWait(Duration busyWait) {
		this.busyWait = busyWait;
	}

	public DataSize getFreeHeapReserve() {
		return this.freeHeapReserve;
	}

	public void setFreeHeapReserve(DataSize freeHeapReserve) {
		this.freeHeapReserve = freeHeapReserve;
	}

	public @Nullable File getTempDirectory() {
		return this.tempDirectory;
	}

	public void setTempDirectory(@Nullable File tempDirectory) {
		this.tempDirectory = tempDirectory;
	}

	public Redaction getRedaction() {
		return this.redaction;
	}

	public void setRedaction(Redaction redaction) {
		this.redaction = redaction;
	}

	public List<String> getSensitiveNames() {
		return this.sensitiveNames;
	}

	public void setSensitiveNames(List<String> sensitiveNames) {
		this.sensitiveNames = sensitiveNames;
	}

	public Schedule getSchedule() {
		return this.schedule;
	}

	public Conversion getConversion() {
		return this.conversion;
	}

	public Pressure getPressure() {
		return this.pressure;
	}

	public OutOfMemory getOom() {
		return this.oom;
	}

	public Endpoint getEndpoint() {
		return this.endpoint;
	}

	public Summary getSummary() {
		return this.summary;
	}

	/**
	 * Where snapshots are stored and for how long.
	 */
	public static class Storage {

		/**
		 * Directory of the stored snapshots, readable by the owner only. If not set, a
		 * 'v8heapsnapshots' directory in the system temporary directory is used.
		 */
		private @Nullable File directory;

		/**
		 * Most snapshots to keep; older ones are deleted.
		 */
		private int maxCount = 5;

		/**
		 * Most disk space the stored snapshots may take together; older ones are deleted.
		 */
		private DataSize maxTotalSize = DataSize.ofGigabytes(10);

		/**
		 * Age after which snapshots are deleted, except the newest.
		 */
		private Duration maxAge = Duration.ofDays(7);

		public @Nullable File getDirectory() {
			return this.directory;
		}

		public void setDirectory(@Nullable File directory) {
			this.directory = directory;
		}

		public int getMaxCount() {
			return this.maxCount;
		}

		public void setMaxCount(int maxCount) {
			this.maxCount = maxCount;
		}

		public DataSize getMaxTotalSize() {
			return this.maxTotalSize;
		}

		public void setMaxTotalSize(DataSize maxTotalSize) {
			this.maxTotalSize = maxTotalSize;
		}

		public Duration getMaxAge() {
			return this.maxAge;
		}

		public void setMaxAge(Duration maxAge) {
			this.maxAge = maxAge;
		}

	}

	/**
	 * When snapshots are taken without a request.
	 */
	public static class Schedule {

		/**
		 * Whether to take snapshots on a schedule.
		 */
		private boolean enabled;

		/**
		 * Time between two scheduled snapshots, from the end of one to the start of the
		 * next. Ignored when a cron expression is set.
		 */
		private Duration interval = Duration.ofHours(1);

		/**
		 * Cron expression of the times to take snapshots at, instead of an interval.
		 */
		private @Nullable String cron;

		/**
		 * Delay before the first scheduled snapshot, when an interval is used. If not
		 * set, the interval is used.
		 */
		private @Nullable Duration initialDelay;

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public Duration getInterval() {
			return this.interval;
		}

		public void setInterval(Duration interval) {
			this.interval = interval;
		}

		public @Nullable String getCron() {
			return this.cron;
		}

		public void setCron(@Nullable String cron) {
			this.cron = cron;
		}

		public @Nullable Duration getInitialDelay() {
			return this.initialDelay;
		}

		public void setInitialDelay(@Nullable Duration initialDelay) {
			this.initialDelay = initialDelay;
		}

	}

	/**
	 * How dumps are converted.
	 */
	public static class Conversion {

		/**
		 * Where the snapshots asked for (endpoint, schedule, application code) are
		 * converted: in a child JVM by default, which leaves the application's request
		 * latency nearly unchanged, or in-process, which is quicker. Snapshots under
		 * memory pressure and dumps left by an OutOfMemoryError are always converted in
		 * a child JVM.
		 */
		private ConversionMode mode = ConversionMode.CHILD_JVM;

		/**
		 * Most threads an in-process conversion uses (1 or 2). If not set, 2 when the
		 * JVM has more than one processor.
		 */
		private @Nullable Integer threads;

		private final Child child = new Child();

		public ConversionMode getMode() {
			return this.mode;
		}

		public void setMode(ConversionMode mode) {
			this.mode = mode;
		}

		public @Nullable Integer getThreads() {
			return this.threads;
		}

		public void setThreads(@Nullable Integer threads) {
			this.threads = threads;
		}

		public Child getChild() {
			return this.child;
		}

		/**
		 * The child JVM that converts out of the application's way.
		 */
		public static class Child {

			/**
			 * Maximum heap of the child JVM.
			 */
			private DataSize maxHeap = DataSize.ofMegabytes(64);

			/**
			 * Number of processors the child JVM may run on (pinned with taskset where
			 * available).
			 */
			private int cpus = 1;

			/**
			 * Whether the child JVM runs at the lowest CPU priority (nice 19, where
			 * available).
			 */
			private boolean lowPriority = true;

			public DataSize getMaxHeap() {
				return this.maxHeap;
			}

			public void setMaxHeap(DataSize maxHeap) {
				this.maxHeap = maxHeap;
			}

			public int getCpus() {
				return this.cpus;
			}

			public void setCpus(int cpus) {
				this.cpus = cpus;
			}

			public boolean isLowPriority() {
				return this.lowPriority;
			}

			public void setLowPriority(boolean lowPriority) {
				this.lowPriority = lowPriority;
			}

		}

	}

	/**
	 * Where a conversion runs.
	 */
	public enum ConversionMode {

		/**
		 * In the application's JVM, with at most the configured threads.
		 */
		IN_PROCESS,

		/**
		 * In a child JVM with a small heap, at low priority, on few processors.
		 */
		CHILD_JVM

	}

	/**
	 * Snapshots taken when the heap runs out.
	 */
	public static class Pressure {

		/**
		 * Whether to take a snapshot when the long-lived heap stays nearly full.
		 */
		private boolean enabled;

		/**
		 * Share of the long-lived heap in use after a garbage collection that means
		 * pressure.
		 */
		private double threshold = 0.85;

		/**
		 * Share of the long-lived heap the occupancy must fall below before another
		 * episode of pressure counts. If not set, 0.10 below the threshold.
		 */
		private @Nullable Double rearmBelow;

		/**
		 * Least time that consecutive upper bounds of the occupancy (collections that do
		 * not measure the long-lived heap, such as young ones on G1 before JDK 20) must
		 * span to mean pressure.
		 */
		private Duration window = Duration.ofSeconds(60);

		/**
		 * Number of consecutive upper bounds at or above the threshold that mean pressure.
		 */
		private int consecutiveGcs = 5;

		/**
		 * Least time from the end of one capture to the next.
		 */
		private Duration cooldown = Duration.ofMinutes(10);

		/**
		 * Most captures per process.
		 */
		private int maxCaptures = 3;

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public double getThreshold() {
			return this.threshold;
		}

		public void setThreshold(double threshold) {
			this.threshold = threshold;
		}

		public @Nullable Double getRearmBelow() {
			return this.rearmBelow;
		}

		public void setRearmBelow(@Nullable Double rearmBelow) {
			this.rearmBelow = rearmBelow;
		}

		public Duration getWindow() {
			return this.window;
		}

		public void setWindow(Duration window) {
			this.window = window;
		}

		public int getConsecutiveGcs() {
			return this.consecutiveGcs;
		}

		public void setConsecutiveGcs(int consecutiveGcs) {
			this.consecutiveGcs = consecutiveGcs;
		}

		public Duration getCooldown() {
			return this.cooldown;
		}

		public void setCooldown(Duration cooldown) {
			this.cooldown = cooldown;
		}

		public int getMaxCaptures() {
			return this.maxCaptures;
		}

		public void setMaxCaptures(int maxCaptures) {
			this.maxCaptures = maxCaptures;
		}

	}

	/**
	 * Dumps that the JVM wrote on an OutOfMemoryError, picked up at the next start.
	 */
	public static class OutOfMemory {

		/**
		 * Whether to convert into the store, at start-up, the dumps that earlier runs
		 * wrote with -XX:+HeapDumpOnOutOfMemoryError.
		 */
		private boolean enabled = true;

		/**
		 * Where to look for those dumps: a directory or a file, as -XX:HeapDumpPath. If
		 * not set, this JVM's -XX:HeapDumpPath, when it runs with
		 * -XX:+HeapDumpOnOutOfMemoryError.
		 */
		private @Nullable String heapDumpPath;

		/**
		 * Whether to keep each dump beside its snapshot rather than delete it once
		 * converted.
		 */
		private boolean keepHprof;

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public @Nullable String getHeapDumpPath() {
			return this.heapDumpPath;
		}

		public void setHeapDumpPath(@Nullable String heapDumpPath) {
			this.heapDumpPath = heapDumpPath;
		}

		public boolean isKeepHprof() {
			return this.keepHprof;
		}

		public void setKeepHprof(boolean keepHprof) {
			this.keepHprof = keepHprof;
		}

	}

	/**
	 * How the actuator endpoint answers.
	 */
	public static class Endpoint {

		/**
		 * Whether a GET of the endpoint that does not accept only JSON takes a snapshot
		 * and sends it. When false, every GET of the endpoint lists the snapshots, so
		 * that read-only access allows listing and downloading only.
		 */
		private boolean takeOnRead = true;

		public boolean isTakeOnRead() {
			return this.takeOnRead;
		}

		public void setTakeOnRead(boolean takeOnRead) {
			this.takeOnRead = takeOnRead;
		}

	}

	/**
	 * Summaries of the stored snapshots.
	 */
	public static class Summary {

		/**
		 * Whether to summarize each stored snapshot in the background, right after it is
		 * stored.
		 */
		private boolean enabled = true;

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

	}

}

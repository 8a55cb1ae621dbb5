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

}

package io.github.v8heapsnapshot.boot.snapshot;

import java.time.Duration;
import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * How far a snapshot in progress is.
 *
 * @param phase the running phase
 * @param percent an estimate of the share of the whole snapshot done, 0 to 100
 * @param bytesWritten the bytes of the dump and the snapshot written so far
 * @param elapsed the time since the snapshot started
 * @author v8heapsnapshot developers
 * @since 0.2.0
 */
public record HeapSnapshotProgress(Phase phase, int percent, long bytesWritten, Duration elapsed) {

	/**
	 * The phases of a snapshot, in the order they run: the dump, then the converter's
	 * phases.
	 */
	public enum Phase {

		/**
		 * Dumping the heap to an HPROF file.
		 */
		DUMP(0),

		/**
		 * Reading the dump's records.
		 */
		INDEX(15),

		/**
		 * Resolving references into nodes and edges.
		 */
		LINK(45),

		/**
		 * Writing the {@code .heapsnapshot} file.
		 */
		WRITE(70);

		private final int startPercent;

		Phase(int startPercent) {
			this.startPercent = startPercent;
		}

		/**
		 * Returns the share of the whole snapshot done when the given share of this
		 * phase is done.
		 * @param fraction the share of this phase done, 0 to 1
		 * @return the percent of the whole snapshot
		 */
		int percent(double fraction) {
			int end = (ordinal() + 1 < values().length) ? values()[ordinal() + 1].startPercent : 100;
			double bounded = Math.max(0, Math.min(1, fraction));
			return (int) (this.startPercent + bounded * (end - this.startPercent));
		}

		/**
		 * Returns the lower-case name used in JSON.
		 * @return the value
		 */
		@JsonValue
		public String value() {
			return name().toLowerCase(Locale.ROOT);
		}

	}

}

package io.github.v8heapsnapshot.summary;

import java.nio.file.Path;
import java.util.Objects;

/**
 * How to summarize: where the scratch files go, how much scratch space a summary may use,
 * and how many retainers and duplicated strings to report. Immutable; the {@code with…}
 * methods return modified copies.
 *
 * @author v8heapsnapshot developers
 * @since 0.2.0
 */
public final class SummaryOptions {

	/**
	 * The default limit on scratch space: 4 GiB, enough for about 40 million nodes.
	 */
	public static final long DEFAULT_MAX_SCRATCH_BYTES = 4L << 30;

	/**
	 * The default number of retainers and duplicated strings reported.
	 */
	public static final int DEFAULT_TOP = 20;

	private final Path tempDirectory;

	private final long maxScratchBytes;

	private final int topRetainers;

	private final int topStrings;

	private SummaryOptions(Path tempDirectory, long maxScratchBytes, int topRetainers, int topStrings) {
		if (maxScratchBytes < 0) {
			throw new IllegalArgumentException("Scratch limit must not be negative, was " + maxScratchBytes);
		}
		if (topRetainers < 0 || topStrings < 0) {
			throw new IllegalArgumentException("Top sizes must not be negative");
		}
		this.tempDirectory = Objects.requireNonNull(tempDirectory, "tempDirectory");
		this.maxScratchBytes = maxScratchBytes;
		this.topRetainers = topRetainers;
		this.topStrings = topStrings;
	}

	/**
	 * Returns the defaults: scratch files in {@code java.io.tmpdir}, at most
	 * {@link #DEFAULT_MAX_SCRATCH_BYTES} of them, the top {@value #DEFAULT_TOP} retainers and
	 * duplicated strings.
	 * @return the default options
	 */
	public static SummaryOptions defaults() {
		return new SummaryOptions(Path.of(System.getProperty("java.io.tmpdir")), DEFAULT_MAX_SCRATCH_BYTES,
				DEFAULT_TOP, DEFAULT_TOP);
	}

	/**
	 * Returns a copy with another directory for the scratch files.
	 * @param tempDirectory an existing, writable directory
	 * @return the modified copy
	 */
	public SummaryOptions withTempDirectory(Path tempDirectory) {
		return new SummaryOptions(tempDirectory, this.maxScratchBytes, this.topRetainers, this.topStrings);
	}

	/**
	 * Returns a copy with another limit on scratch space. A snapshot whose summary would need
	 * more gets an {@link HeapSummary#UNAVAILABLE unavailable} summary that says so.
	 * @param maxScratchBytes the most bytes of memory-mapped scratch files
	 * @return the modified copy
	 */
	public SummaryOptions withMaxScratchBytes(long maxScratchBytes) {
		return new SummaryOptions(this.tempDirectory, maxScratchBytes, this.topRetainers, this.topStrings);
	}

	/**
	 * Returns a copy that reports other numbers of retainers and duplicated strings.
	 * @param topRetainers how many of the biggest retainers to report
	 * @param topStrings how many of the most wasteful duplicated strings to report
	 * @return the modified copy
	 */
	public SummaryOptions withTop(int topRetainers, int topStrings) {
		return new SummaryOptions(this.tempDirectory, this.maxScratchBytes, topRetainers, topStrings);
	}

	/**
	 * Returns the directory for scratch files.
	 * @return the temp directory
	 */
	public Path tempDirectory() {
		return this.tempDirectory;
	}

	/**
	 * Returns the limit on scratch space.
	 * @return the most bytes of scratch files
	 */
	public long maxScratchBytes() {
		return this.maxScratchBytes;
	}

	/**
	 * Returns how many retainers to report.
	 * @return the number of retainers
	 */
	public int topRetainers() {
		return this.topRetainers;
	}

	/**
	 * Returns how many duplicated strings to report.
	 * @return the number of duplicated strings
	 */
	public int topStrings() {
		return this.topStrings;
	}

}

package io.github.v8heapsnapshot.boot.snapshot;

import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;

/**
 * Names of heap snapshot files, in Node's pattern
 * {@code Heap.YYYYMMDD.HHMMSS.<pid>.<tid>.<seq>.heapsnapshot} with the local time, so that
 * names sort by time. The thread id is always 0: a JVM has a single heap, like Node's main
 * thread.
 *
 * @author v8heapsnapshot developers
 * @since 0.1.0
 */
public final class HeapSnapshotNames {

	/**
	 * The suffix of every snapshot name.
	 */
	public static final String SUFFIX = ".heapsnapshot";

	private static final Pattern PATTERN = Pattern
		.compile("Heap\\.\\d{8}\\.\\d{6}\\.\\d+\\.\\d+\\.\\d{3,}\\.heapsnapshot");

	private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyyMMdd.HHmmss");

	// Shared by the whole process, as Node's sequence is, so names never repeat
	private static final AtomicInteger sequence = new AtomicInteger();

	private HeapSnapshotNames() {
	}

	/**
	 * Returns a new name for a snapshot taken now.
	 * @param time the local time the snapshot is taken
	 * @return the name
	 */
	public static String next(LocalDateTime time) {
		return String.format("Heap.%s.%d.0.%03d%s", TIME.format(time), ProcessHandle.current().pid(),
				sequence.incrementAndGet(), SUFFIX);
	}

	/**
	 * Returns whether the given text is a snapshot name. Nothing else, in particular no
	 * path, passes.
	 * @param name the text to check
	 * @return {@code true} if it is a snapshot name
	 */
	public static boolean isValid(String name) {
		return PATTERN.matcher(name).matches();
	}

	/**
	 * Returns the process id in a snapshot name.
	 * @param name a valid snapshot name
	 * @return the id of the process that took it
	 */
	static long pid(String name) {
		return Long.parseLong(name.split("\\.")[3]);
	}

	/**
	 * Returns the name without its {@link #SUFFIX}.
	 * @param name a valid snapshot name
	 * @return the stem
	 */
	static String stem(String name) {
		return name.substring(0, name.length() - SUFFIX.length());
	}

}

package io.github.v8heapsnapshot.boot.snapshot;

import java.security.SecureRandom;
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

	// Tells apart processes whose ids repeat, as PID 1 does in every container, in the field
	// where Node puts its thread id
	private static final int INSTANCE = new SecureRandom().nextInt(1, 100_000);

	private HeapSnapshotNames() {
	}

	/**
	 * Returns a new name for a snapshot taken now: Node's pattern with the process id and,
	 * where Node puts its thread id, a number drawn at random once per process, so that
	 * processes sharing a directory never take the same name, even with the same id.
	 * @param time the local time the snapshot is taken
	 * @return the name
	 */
	public static String next(LocalDateTime time) {
		return String.format("Heap.%s.%s.%03d%s", TIME.format(time), process(), sequence.incrementAndGet(), SUFFIX);
	}

	/**
	 * Returns what tells this process apart from every other one that shares a directory:
	 * its id and the number drawn for it.
	 * @return the process part of this process's snapshot names
	 */
	static String process() {
		return ProcessHandle.current().pid() + "." + INSTANCE;
	}

	/**
	 * Returns whether a snapshot was taken by this process.
	 * @param name a valid snapshot name
	 * @return {@code true} if this process named it
	 */
	static boolean isOfThisProcess(String name) {
		return name.contains("." + process() + ".");
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
	 * Returns the name without its {@link #SUFFIX}.
	 * @param name a valid snapshot name
	 * @return the stem
	 */
	static String stem(String name) {
		return name.substring(0, name.length() - SUFFIX.length());
	}

}

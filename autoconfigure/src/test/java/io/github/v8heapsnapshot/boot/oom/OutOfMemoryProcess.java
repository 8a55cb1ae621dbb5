package io.github.v8heapsnapshot.boot.oom;

import java.util.ArrayList;
import java.util.List;

/**
 * A JVM that leaks until it dies of an {@link OutOfMemoryError}: run with
 * {@code -XX:+HeapDumpOnOutOfMemoryError -XX:+ExitOnOutOfMemoryError}, it leaves the dump
 * a crashed pod would.
 *
 * @author v8heapsnapshot developers
 */
public final class OutOfMemoryProcess {

	private OutOfMemoryProcess() {
	}

	public static void main(String[] args) {
		List<long[]> leak = new ArrayList<>();
		while (true) {
			leak.add(new long[1024]);
		}
	}

	/**
	 * Runs the process until it dies.
	 * @param java the {@code java} command
	 * @param heapDumpPath the {@code -XX:HeapDumpPath}
	 * @return the exit status
	 */
	public static int run(String java, String heapDumpPath) throws Exception {
		Process process = new ProcessBuilder(java, "-Xmx48m", "-XX:+UseSerialGC", "-XX:+HeapDumpOnOutOfMemoryError",
				"-XX:HeapDumpPath=" + heapDumpPath, "-XX:+ExitOnOutOfMemoryError", "-cp",
				System.getProperty("java.class.path"), OutOfMemoryProcess.class.getName())
			.redirectErrorStream(true)
			.redirectOutput(ProcessBuilder.Redirect.DISCARD)
			.start();
		return process.waitFor();
	}

}

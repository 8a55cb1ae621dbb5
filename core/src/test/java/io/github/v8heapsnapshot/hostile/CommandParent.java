package io.github.v8heapsnapshot.hostile;

import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import io.github.v8heapsnapshot.cli.HeapSnapshotCommand;

/**
 * Run in a child JVM: starts the command line in a JVM of its own, as the starter does,
 * telling it to stop when this JVM ends; prints the command's pid and waits for it.
 *
 * @author v8heapsnapshot developers
 */
final class CommandParent {

	private CommandParent() {
	}

	/**
	 * Starts the command.
	 * @param args the log file of the command, then its arguments
	 * @throws Exception if the command cannot be started
	 */
	public static void main(String[] args) throws Exception {
		List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
				"-Xmx64m", "-XX:+UseSerialGC", "-XX:ActiveProcessorCount=1", "-cp",
				System.getProperty("java.class.path"), HeapSnapshotCommand.class.getName(), "--parent-pid",
				Long.toString(ProcessHandle.current().pid())));
		command.addAll(List.of(args).subList(1, args.length));
		Process process = new ProcessBuilder(command).redirectErrorStream(true)
			.redirectOutput(new File(args[0]))
			.start();
		System.out.println(process.pid());
		System.out.flush();
		System.exit(process.waitFor());
	}

}

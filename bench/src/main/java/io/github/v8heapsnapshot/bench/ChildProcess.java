package io.github.v8heapsnapshot.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs one measured process and reads the {@link Measurement} it prints. Its standard error
 * and its other output lines pass through.
 *
 * @author v8heapsnapshot developers
 * @since 0.1.0
 */
final class ChildProcess {

	private static final Path TIME = Path.of("/usr/bin/time");

	private ChildProcess() {
	}

	/**
	 * Runs a process that prints a {@link Measurement} line.
	 * @param command the command
	 * @return the measurement
	 * @throws IOException if the process fails or prints no measurement
	 * @throws InterruptedException if interrupted while waiting
	 */
	static Measurement run(List<String> command) throws IOException, InterruptedException {
		Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
		Measurement measurement = null;
		try (BufferedReader output = new BufferedReader(
				new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
			for (String line = output.readLine(); line != null; line = output.readLine()) {
				if (line.startsWith(Measurement.PREFIX)) {
					measurement = Measurement.parse(line);
				}
				else {
					System.out.println(line);
				}
			}
		}
		checkExit(process, command);
		if (measurement == null) {
			throw new IOException("No result line from " + command);
		}
		return measurement;
	}

	/**
	 * Runs a process under GNU time ({@code /usr/bin/time}, Debian package {@code time}),
	 * which measures its wall time, CPU time and peak resident set size from the outside.
	 * @param command the command
	 * @param report the file GNU time writes its figures to
	 * @return {@code wallSeconds}, {@code userSeconds}, {@code systemSeconds} and
	 * {@code maxRssKiB}
	 * @throws IOException if the process fails
	 * @throws InterruptedException if interrupted while waiting
	 */
	static Measurement time(List<String> command, Path report) throws IOException, InterruptedException {
		if (!Files.isExecutable(TIME)) {
			throw new IOException(TIME + " is missing: install GNU time (Debian package 'time')");
		}
		List<String> timed = new ArrayList<>(List.of(TIME.toString(), "-o", report.toString(), "-f",
				Measurement.PREFIX + "wallSeconds=%e userSeconds=%U systemSeconds=%S maxRssKiB=%M"));
		timed.addAll(command);
		Process process = new ProcessBuilder(timed).inheritIO().start();
		checkExit(process, command);
		List<String> lines = Files.readAllLines(report);
		return Measurement.parse(lines.get(lines.size() - 1));
	}

	private static void checkExit(Process process, List<String> command) throws IOException, InterruptedException {
		int exit = process.waitFor();
		if (exit != 0) {
			throw new IOException("Exit code " + exit + " from " + command);
		}
	}

}

package io.github.v8heapsnapshot.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Facts about the machine that go beside the numbers: processors, memory, load, runtimes.
 *
 * @author v8heapsnapshot developers
 * @since 0.1.0
 */
final class Machine {

	private Machine() {
	}

	static String describe(String node) throws IOException, InterruptedException {
		return String.join("\n", "- processors: " + Runtime.getRuntime().availableProcessors() + " × "
				+ firstValue(Path.of("/proc/cpuinfo"), "model name").orElse("unknown model"),
				"- memory: " + firstValue(Path.of("/proc/meminfo"), "MemTotal").map(Machine::gibibytes).orElse("unknown"),
				"- kernel: " + System.getProperty("os.name") + " " + System.getProperty("os.version"),
				"- JVM: " + System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"),
				"- Node: " + nodeVersion(node), "- " + load());
	}

	static String load() throws IOException {
		return "load average (1, 5, 15 min): "
				+ String.join(", ", List.of(Files.readString(Path.of("/proc/loadavg")).split(" ")).subList(0, 3));
	}

	private static Optional<String> firstValue(Path file, String key) throws IOException {
		return Files.readAllLines(file)
			.stream()
			.filter((line) -> line.startsWith(key))
			.map((line) -> line.substring(line.indexOf(':') + 1).trim())
			.findFirst();
	}

	private static String gibibytes(String kibibytes) {
		long value = Long.parseLong(kibibytes.substring(0, kibibytes.indexOf(' ')));
		return String.format(Locale.ROOT, "%.1f GiB", value / (1024.0 * 1024.0));
	}

	private static String nodeVersion(String node) throws IOException, InterruptedException {
		Process process = new ProcessBuilder(node, "--version").redirectErrorStream(true).start();
		String version = new String(process.getInputStream().readAllBytes()).trim();
		process.waitFor();
		return version;
	}

}

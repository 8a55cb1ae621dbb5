package io.github.v8heapsnapshot.bench.latency;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import io.github.v8heapsnapshot.bench.latency.RequestLoad.RequestSample;

/**
 * Measures what a heap snapshot costs the requests of the application it is taken of: the
 * sample application, given a heap of millions of objects by {@link WorkloadAgent}, serves
 * a steady loopback load of {@code GET /sessions} while a snapshot is taken, once per
 * conversion mode (in-process, in-process on one thread, child JVM) and once with Boot's
 * own {@code /actuator/heapdump} (a dump only). Prints the latency and throughput before,
 * during the dump, during the conversion and after.
 * <p>
 * Arguments: the sample's jar, the bench jar (the agent), a work directory, and optionally
 * {@code --items=N --rate=N --seconds=N --runs=N --modes=a,b}.
 *
 * @author v8heapsnapshot developers
 * @since 0.2.0
 */
public final class LatencyBenchmark {

	private static final Pattern MILLIS = Pattern.compile("\"(dumpMillis|convertMillis)\"\\s*:\\s*(\\d+)");

	private static final Duration WARM_UP = Duration.ofSeconds(10);

	private static final Map<String, List<String>> MODES = new LinkedHashMap<>();

	static {
		MODES.put("in-process",
				List.of("--v8heapsnapshot.conversion.mode=in-process", "--v8heapsnapshot.conversion.threads=2"));
		MODES.put("in-process-1-thread",
				List.of("--v8heapsnapshot.conversion.mode=in-process", "--v8heapsnapshot.conversion.threads=1"));
		MODES.put("child-jvm", List.of("--v8heapsnapshot.conversion.mode=child-jvm"));
		MODES.put("boot-heapdump", List.of());
	}

	private final Path sampleJar;

	private final Path agentJar;

	private final Path work;

	private final Map<String, String> options;

	private final HttpClient client = HttpClient.newHttpClient();

	private LatencyBenchmark(Path sampleJar, Path agentJar, Path work, Map<String, String> options) {
		this.sampleJar = sampleJar;
		this.agentJar = agentJar;
		this.work = work;
		this.options = options;
	}

	public static void main(String[] args) throws Exception {
		Map<String, String> options = new LinkedHashMap<>(
				Map.of("items", "2000000", "rate", "150", "seconds", "10", "runs", "1", "modes", String.join(",", MODES.keySet())));
		for (int i = 3; i < args.length; i++) {
			String[] pair = args[i].replaceFirst("^--", "").split("=", 2);
			options.put(pair[0], pair[1]);
		}
		LatencyBenchmark benchmark = new LatencyBenchmark(Path.of(args[0]), Path.of(args[1]), Path.of(args[2]),
				options);
		List<String> rows = new ArrayList<>();
		for (int run = 1; run <= Integer.parseInt(options.get("runs")); run++) {
			for (String mode : Objects.requireNonNull(options.get("modes")).split(",")) {
				List<PhaseLatency> phases = benchmark.measure(mode, run);
				phases.forEach((phase) -> rows.add(phase.toRow(mode)));
				System.out.println(PhaseLatency.header());
				phases.forEach((phase) -> System.out.println(phase.toRow(mode)));
			}
		}
		System.out.printf("%n%,d items, %s requests/s, %s s before and after%n%s%n", Integer.parseInt(options.get("items")),
				options.get("rate"), options.get("seconds"), PhaseLatency.header());
		rows.forEach(System.out::println);
	}

	private List<PhaseLatency> measure(String mode, int run) throws Exception {
		Path directory = Files.createTempDirectory(Files.createDirectories(this.work), mode + "-" + run + "-");
		Path storage = directory.resolve("snapshots");
		int port = freePort();
		List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
				"-Xms1g", "-Xmx1g", "-javaagent:" + this.agentJar + "=" + this.options.get("items"), "-jar",
				this.sampleJar.toString(), "--server.port=" + port, "--server.address=127.0.0.1",
				"--management.endpoints.web.exposure.include=health,v8heapsnapshot,heapdump",
				"--management.endpoint.heapdump.access=unrestricted",
				"--v8heapsnapshot.storage.directory=" + storage));
		command.addAll(MODES.get(mode));
		Process application = new ProcessBuilder(command).redirectErrorStream(true)
			.redirectOutput(directory.resolve("application.log").toFile())
			.start();
		try {
			URI base = new URI("http://127.0.0.1:" + port);
			awaitUp(base.resolve("/actuator/health"), application);
			Duration seconds = Duration.ofSeconds(Long.parseLong(this.options.get("seconds")));
			try (RequestLoad load = new RequestLoad(base.resolve("/sessions"), Integer.parseInt(this.options.get("rate")))) {
				// Warms up the request path first, as a running service is
				Thread.sleep(WARM_UP.toMillis());
				long before = System.nanoTime();
				Thread.sleep(seconds.toMillis());
				long trigger = System.nanoTime();
				boolean boot = mode.equals("boot-heapdump");
				HttpRequest take = HttpRequest
					.newBuilder(base.resolve(boot ? "/actuator/heapdump" : "/actuator/v8heapsnapshot"))
					.header("Accept", "application/octet-stream")
					.build();
				int status = this.client.send(take, BodyHandlers.discarding()).statusCode();
				long done = System.nanoTime();
				if (status != 200) {
					throw new IllegalStateException(mode + ": the snapshot was answered with " + status);
				}
				Thread.sleep(seconds.toMillis());
				long end = System.nanoTime();
				load.close();
				List<RequestSample> samples = load.samples();
				long dumped = boot ? done : trigger + TimeUnit.MILLISECONDS.toNanos(millis(storage, "dumpMillis"));
				List<PhaseLatency> phases = new ArrayList<>();
				phases.add(PhaseLatency.of("before", samples, before, trigger));
				phases.add(PhaseLatency.of("dump", samples, trigger, dumped));
				if (!boot) {
					phases.add(PhaseLatency.of("convert", samples, dumped,
							dumped + TimeUnit.MILLISECONDS.toNanos(millis(storage, "convertMillis"))));
				}
				phases.add(PhaseLatency.of("after", samples, done, end));
				return phases;
			}
		}
		finally {
			application.destroy();
			application.waitFor(30, TimeUnit.SECONDS);
		}
	}

	private static long millis(Path storage, String field) throws IOException {
		try (Stream<Path> files = Files.list(storage)) {
			for (Path file : (Iterable<Path>) files::iterator) {
				if (file.getFileName().toString().endsWith(".json")) {
					Matcher matcher = MILLIS.matcher(Files.readString(file));
					while (matcher.find()) {
						if (matcher.group(1).equals(field)) {
							return Long.parseLong(matcher.group(2));
						}
					}
				}
			}
		}
		throw new IllegalStateException("No descriptor with " + field + " in " + storage);
	}

	private void awaitUp(URI health, Process application) throws IOException, InterruptedException {
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
		while (System.nanoTime() < deadline && application.isAlive()) {
			try {
				if (this.client.send(HttpRequest.newBuilder(health).build(), BodyHandlers.discarding()).statusCode() == 200) {
					return;
				}
			}
			catch (IOException ex) {
				// Not listening yet
			}
			Thread.sleep(250);
		}
		throw new IllegalStateException("The sample did not start; see its log");
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

}

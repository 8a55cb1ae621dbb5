package io.github.v8heapsnapshot.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.ref.Reference;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import com.sun.management.HotSpotDiagnosticMXBean;
import com.sun.management.OperatingSystemMXBean;

import io.github.v8heapsnapshot.cancel.Cancellation;
import io.github.v8heapsnapshot.convert.ConversionListener;
import io.github.v8heapsnapshot.convert.ConversionOptions;
import io.github.v8heapsnapshot.convert.ConversionPhase;
import io.github.v8heapsnapshot.convert.ConversionResult;
import io.github.v8heapsnapshot.convert.HeapSnapshotConverter;
import io.github.v8heapsnapshot.convert.ObjectIdStatistics;
import io.github.v8heapsnapshot.layout.ObjectLayout;
import io.github.v8heapsnapshot.summary.HeapSnapshotSummarizer;
import io.github.v8heapsnapshot.summary.HeapSummary;
import io.github.v8heapsnapshot.summary.SummaryOptions;

/**
 * One measured run in a fresh JVM: builds the workload, runs a full GC, dumps the heap with
 * {@code HotSpotDiagnosticMXBean.dumpHeap(file, true)} (the baseline), then converts that
 * dump in the same process while the workload is still alive, summarizes the snapshot there
 * as the endpoint does after a conversion, and prints one {@link Measurement} line.
 * <p>
 * Arguments: {@code ITEMS HPROF SNAPSHOT TEMP_DIRECTORY}.
 *
 * @author v8heapsnapshot developers
 * @since 0.1.0
 */
public final class JavaSnapshotRun {

	private JavaSnapshotRun() {
	}

	/**
	 * Runs once.
	 * @param args the number of items, the {@code .hprof} to write, the
	 * {@code .heapsnapshot} to write, and the directory for the converter's temporary files
	 * @throws Exception if the run fails
	 */
	public static void main(String[] args) throws Exception {
		if (args.length != 4) {
			throw new IllegalArgumentException("Usage: JavaSnapshotRun ITEMS HPROF SNAPSHOT TEMP_DIRECTORY");
		}
		Measurement measurement = run(Integer.parseInt(args[0]), Path.of(args[1]), Path.of(args[2]),
				Path.of(args[3]));
		System.out.println(measurement.toLine());
	}

	private static Measurement run(int items, Path hprof, Path snapshot, Path tempDirectory) throws Exception {
		OperatingSystemMXBean os = ManagementFactory.getPlatformMXBean(OperatingSystemMXBean.class);
		HotSpotDiagnosticMXBean diagnostics = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
		Workload workload = Workload.build(items);
		System.gc();
		Files.deleteIfExists(hprof);

		long cpu = os.getProcessCpuTime();
		long start = System.nanoTime();
		diagnostics.dumpHeap(hprof.toString(), true);
		double dumpWall = seconds(System.nanoTime() - start);
		double dumpCpu = seconds(os.getProcessCpuTime() - cpu);

		ConversionOptions options = ConversionOptions.defaults()
			.withLayout(ObjectLayout.ofRunningJvm())
			.withTempDirectory(tempDirectory);
		HeapSnapshotConverter converter = new HeapSnapshotConverter(options);
		long heapBefore = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
		ProcessStatus.resetPeak();
		ProcessStatus before = ProcessStatus.read();
		ConversionResult result;
		MemorySampler sampler = MemorySampler.start();
		try (sampler) {
			cpu = os.getProcessCpuTime();
			start = System.nanoTime();
			result = converter.convert(hprof, snapshot);
		}
		double convertWall = seconds(System.nanoTime() - start);
		double convertCpu = seconds(os.getProcessCpuTime() - cpu);
		ProcessStatus after = ProcessStatus.read();

		Measurement measurement = Measurement.empty()
			.with("items", workload.size())
			.with("indexedItems", workload.indexed())
			.with("javaVersion", Runtime.version().feature())
			.with("dumpWallSeconds", dumpWall)
			.with("dumpCpuSeconds", dumpCpu)
			.with("convertWallSeconds", convertWall)
			.with("convertCpuSeconds", convertCpu)
			.with("nodes", result.nodeCount())
			.with("edges", result.edgeCount())
			.with("hprofBytes", result.hprofBytes())
			.with("snapshotBytes", result.snapshotBytes())
			.with("heapBeforeBytes", heapBefore)
			.with("heapPeakExtraBytes", heapPeakExtra(sampler, heapBefore))
			.with("collections", sampler.collections())
			.with("rssBeforeBytes", before.rss())
			.with("rssPeakExtraBytes", after.peakRss() - before.rss())
			.with("anonymousPeakExtraBytes", sampler.maxAnonymous() - before.anonymous())
			.with("filePeakExtraBytes", sampler.maxFile() - before.file());
		measurement = measurement.with(summarize(snapshot, tempDirectory, os));
		for (ConversionPhase phase : ConversionPhase.values()) {
			Duration duration = result.phaseDurations().getOrDefault(phase, Duration.ZERO);
			measurement = measurement.with(phase.name().toLowerCase() + "Seconds", seconds(duration.toNanos()));
		}
		measurement = withObjectIds(measurement, options, diagnostics, hprof, snapshot, tempDirectory);
		// The workload stays alive until the conversion is over, as an application would
		Reference.reachabilityFence(workload);
		return measurement;
	}

	private static Measurement summarize(Path snapshot, Path tempDirectory, OperatingSystemMXBean os)
			throws Exception {
		HeapSnapshotSummarizer summarizer = new HeapSnapshotSummarizer(
				SummaryOptions.defaults().withTempDirectory(tempDirectory));
		long heapBefore = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
		ProcessStatus.resetPeak();
		ProcessStatus before = ProcessStatus.read();
		HeapSummary summary;
		MemorySampler sampler = MemorySampler.start();
		long cpu;
		long start;
		try (sampler) {
			cpu = os.getProcessCpuTime();
			start = System.nanoTime();
			summary = summarizer.summarize(snapshot);
		}
		double wall = seconds(System.nanoTime() - start);
		double cpuSeconds = seconds(os.getProcessCpuTime() - cpu);
		ProcessStatus after = ProcessStatus.read();
		if (!HeapSummary.READY.equals(summary.state())) {
			throw new IllegalStateException("Summary unavailable: " + summary.reason());
		}
		return Measurement.empty()
			.with("summaryWallSeconds", wall)
			.with("summaryCpuSeconds", cpuSeconds)
			.with("summaryHeapPeakExtraBytes", heapPeakExtra(sampler, heapBefore))
			.with("summaryCollections", sampler.collections())
			.with("summaryRssPeakExtraBytes", after.peakRss() - before.rss())
			.with("summaryAnonymousPeakExtraBytes", sampler.maxAnonymous() - before.anonymous())
			.with("summaryFilePeakExtraBytes", sampler.maxFile() - before.file());
	}

	/**
	 * Converts the dump again with a new object id table, then dumps the heap a second time
	 * and converts that dump without and with the table, as a second snapshot of the same
	 * JVM is.
	 */
	private static Measurement withObjectIds(Measurement measurement, ConversionOptions options,
			HotSpotDiagnosticMXBean diagnostics, Path hprof, Path snapshot, Path tempDirectory) throws IOException {
		Path table = tempDirectory.resolve("object-ids");
		Files.deleteIfExists(table);
		// Beside the first dump and its snapshot, which the command line and the summary take next
		Path secondHprof = hprof.resolveSibling("second-" + hprof.getFileName());
		Path output = snapshot.resolveSibling("ids-" + snapshot.getFileName());
		HeapSnapshotConverter converter = new HeapSnapshotConverter(options);
		HeapSnapshotConverter withIds = new HeapSnapshotConverter(options.withObjectIds(table));
		long start = System.nanoTime();
		withIds.convert(hprof, output);
		double first = seconds(System.nanoTime() - start);
		start = System.nanoTime();
		diagnostics.dumpHeap(secondHprof.toString(), true);
		double dump = seconds(System.nanoTime() - start);
		start = System.nanoTime();
		converter.convert(secondHprof, output);
		double plain = seconds(System.nanoTime() - start);
		ObjectIdStatistics[] statistics = new ObjectIdStatistics[1];
		start = System.nanoTime();
		withIds.convert(secondHprof, output, new ConversionListener() {

			@Override
			public void progress(ConversionPhase phase, long done, long total) {
			}

			@Override
			public void objectIdsAssigned(ObjectIdStatistics assigned) {
				statistics[0] = assigned;
			}

		}, new Cancellation());
		double next = seconds(System.nanoTime() - start);
		Files.delete(table);
		Files.delete(secondHprof);
		Files.delete(output);
		return measurement.with("idsFirstConvertWallSeconds", first)
			.with("secondDumpWallSeconds", dump)
			.with("secondConvertWallSeconds", plain)
			.with("idsSecondConvertWallSeconds", next)
			.with("idsKeptNodes", statistics[0].kept())
			.with("idsSecondNodes", statistics[0].nodes());
	}

	// Without a collection, all that the sampler allocated is still in the used heap
	private static long heapPeakExtra(MemorySampler sampler, long heapBefore) {
		long extra = sampler.maxHeapUsed() - heapBefore;
		return (sampler.collections() == 0) ? extra - sampler.ownAllocation() : extra;
	}

	private static double seconds(long nanos) {
		return nanos / 1e9;
	}

}

package io.github.v8heapsnapshot.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;

import io.github.v8heapsnapshot.convert.ConversionPhase;

/**
 * One row of the report: a number computed from the measurements of one run, so that
 * ratios pair the figures of the same run.
 *
 * @param label what the row shows
 * @param target the target at 5M items, or an empty string
 * @param value computes the number from one run
 * @author v8heapsnapshot developers
 * @since 0.1.0
 */
record Figure(String label, String target, ToDoubleFunction<Measurement> value) {

	private static final double MB = 1e6;

	private static final double MIB = 1024 * 1024;

	static List<Figure> all() {
		List<Figure> figures = new ArrayList<>();
		figures.add(new Figure("JVM `dumpHeap(live=true)` wall s", "", get("java.dumpWallSeconds")));
		figures.add(new Figure("JVM `dumpHeap(live=true)` CPU s", "", get("java.dumpCpuSeconds")));
		figures.add(new Figure("HPROF MB", "", (run) -> run.get("java.hprofBytes") / MB));
		figures.add(new Figure("Node `writeHeapSnapshot` wall s", "", get("node.snapshotWallSeconds")));
		figures.add(new Figure("Node `writeHeapSnapshot` CPU s", "", get("node.snapshotCpuSeconds")));
		figures.add(new Figure("Node nodes (millions)", "", (run) -> run.get("node.nodes") / 1e6));
		figures.add(new Figure("Node file MB", "", (run) -> run.get("node.snapshotBytes") / MB));
		figures.add(new Figure("Node extra RSS MiB", "", (run) -> run.get("node.rssPeakExtraBytes") / MIB));
		figures.add(new Figure("conversion wall s (in the dumped JVM)", "", get("java.convertWallSeconds")));
		figures.add(new Figure("conversion CPU s", "", get("java.convertCpuSeconds")));
		for (ConversionPhase phase : ConversionPhase.values()) {
			String name = phase.name().toLowerCase(Locale.ROOT);
			figures.add(new Figure("– phase " + name + " wall s", "", get("java." + name + "Seconds")));
		}
		figures.add(new Figure("conversion with object ids, first snapshot, wall s", "",
				get("java.idsFirstConvertWallSeconds")));
		figures.add(new Figure("second `dumpHeap(live=true)` of the same JVM, wall s", "",
				get("java.secondDumpWallSeconds")));
		figures.add(new Figure("second conversion without object ids, wall s", "", get("java.secondConvertWallSeconds")));
		figures.add(new Figure("second conversion continuing the object ids, wall s", "",
				get("java.idsSecondConvertWallSeconds")));
		figures.add(new Figure("– with ids / without, second conversion", "≤ 1.10",
				(run) -> run.get("java.idsSecondConvertWallSeconds") / run.get("java.secondConvertWallSeconds")));
		figures.add(new Figure("– nodes that kept their id in the second snapshot, %", "",
				(run) -> 100 * run.get("java.idsKeptNodes") / run.get("java.idsSecondNodes")));
		figures.add(new Figure("nodes (millions)", "", (run) -> run.get("java.nodes") / 1e6));
		figures.add(new Figure("edges (millions)", "", (run) -> run.get("java.edges") / 1e6));
		figures.add(new Figure(".heapsnapshot MB", "", (run) -> run.get("java.snapshotBytes") / MB));
		figures.add(new Figure("Java heap used by the conversion, sampled peak with garbage, MiB", "",
				(run) -> run.get("java.heapPeakExtraBytes") / MIB));
		figures.add(new Figure("GCs during the conversion", "", get("java.collections")));
		figures.add(new Figure("extra RSS MiB (VmHWM − VmRSS before)", "",
				(run) -> run.get("java.rssPeakExtraBytes") / MIB));
		figures.add(new Figure("– anonymous, sampled peak, MiB", "", (run) -> run.get("java.anonymousPeakExtraBytes") / MIB));
		figures.add(new Figure("– mapped files, sampled peak, MiB", "", (run) -> run.get("java.filePeakExtraBytes") / MIB));
		figures.add(new Figure("summary wall s (in the dumped JVM, after the conversion)", "",
				get("java.summaryWallSeconds")));
		figures.add(new Figure("summary CPU s", "", get("java.summaryCpuSeconds")));
		figures.add(new Figure("Java heap used by the summary, sampled peak with garbage, MiB", "",
				(run) -> run.get("java.summaryHeapPeakExtraBytes") / MIB));
		figures.add(new Figure("summary extra RSS MiB (VmHWM − VmRSS before)", "",
				(run) -> run.get("java.summaryRssPeakExtraBytes") / MIB));
		figures.add(new Figure("– mapped files, sampled peak, MiB", "",
				(run) -> run.get("java.summaryFilePeakExtraBytes") / MIB));
		figures.add(new Figure("summary `-Xmx64m` wall s (fresh JVM, GNU time)", "", get("summary.wallSeconds")));
		figures.add(new Figure("summary `-Xmx64m` peak RSS MiB", "", (run) -> run.get("summary.maxRssKiB") * 1024 / MIB));
		figures.add(new Figure("CLI `-Xmx64m` wall s", "", get("cli.wallSeconds")));
		figures.add(new Figure("CLI `-Xmx64m` CPU s", "", (run) -> run.get("cli.userSeconds") + run.get("cli.systemSeconds")));
		figures.add(new Figure("CLI `-Xmx64m` peak RSS MiB", "", (run) -> run.get("cli.maxRssKiB") * 1024 / MIB));
		figures.add(new Figure("CLI `-Xmx64m` GC pauses", "", get("cli.gcPauses")));
		figures.add(new Figure("CLI `-Xmx64m` Java heap before a GC, max MiB", "",
				(run) -> run.get("cli.heapMaxBeforeGcBytes") / MIB));
		figures.add(new Figure("CLI `-Xmx64m` Java heap kept, max after a GC, MiB", "≤ 64",
				(run) -> run.get("cli.heapMaxAfterGcBytes") / MIB));
		figures.add(new Figure("**conversion wall / dumpHeap wall**", "≤ 2.0",
				(run) -> run.get("java.convertWallSeconds") / run.get("java.dumpWallSeconds")));
		figures.add(new Figure("conversion CPU / dumpHeap CPU", "",
				(run) -> run.get("java.convertCpuSeconds") / run.get("java.dumpCpuSeconds")));
		figures.add(new Figure("end-to-end (dump + convert) objects per wall s, millions", "",
				(run) -> javaObjectsPerSecond(run) / 1e6));
		figures.add(new Figure("Node objects per wall s, millions", "", (run) -> nodeObjectsPerSecond(run) / 1e6));
		figures.add(new Figure("**end-to-end objects/s ÷ Node objects/s** (wall)", "≥ 10",
				(run) -> javaObjectsPerSecond(run) / nodeObjectsPerSecond(run)));
		figures.add(new Figure("end-to-end objects/CPU-s ÷ Node objects/CPU-s", "", (run) -> (run.get("java.nodes")
				/ (run.get("java.dumpCpuSeconds") + run.get("java.convertCpuSeconds")))
				/ (run.get("node.nodes") / run.get("node.snapshotCpuSeconds"))));
		figures.add(new Figure("**summary wall / conversion wall**", "≤ 1.0",
				(run) -> run.get("java.summaryWallSeconds") / run.get("java.convertWallSeconds")));
		figures.add(new Figure("summary wall / dumpHeap wall", "",
				(run) -> run.get("java.summaryWallSeconds") / run.get("java.dumpWallSeconds")));
		figures.add(new Figure("summary extra RSS bytes per node", "",
				(run) -> run.get("java.summaryRssPeakExtraBytes") / run.get("java.nodes")));
		figures.add(new Figure("**extra RSS bytes per object**", "≤ 32",
				(run) -> run.get("java.rssPeakExtraBytes") / run.get("java.nodes")));
		figures.add(new Figure("Node extra RSS bytes per node", "",
				(run) -> run.get("node.rssPeakExtraBytes") / run.get("node.nodes")));
		figures.add(new Figure("**output bytes per object**", "≤ 70",
				(run) -> run.get("java.snapshotBytes") / run.get("java.nodes")));
		figures.add(new Figure("Node output bytes per node", "",
				(run) -> run.get("node.snapshotBytes") / run.get("node.nodes")));
		return List.copyOf(figures);
	}

	private static ToDoubleFunction<Measurement> get(String name) {
		return (run) -> run.get(name);
	}

	private static double javaObjectsPerSecond(Measurement run) {
		return run.get("java.nodes") / (run.get("java.dumpWallSeconds") + run.get("java.convertWallSeconds"));
	}

	private static double nodeObjectsPerSecond(Measurement run) {
		return run.get("node.nodes") / run.get("node.snapshotWallSeconds");
	}

}

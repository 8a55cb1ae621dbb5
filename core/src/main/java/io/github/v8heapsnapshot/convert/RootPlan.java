package io.github.v8heapsnapshot.convert;

import java.io.IOException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.github.v8heapsnapshot.hprof.RootKind;
import io.github.v8heapsnapshot.hprof.StackFrame;
import io.github.v8heapsnapshot.index.LongIntMap;
import io.github.v8heapsnapshot.v8.StringTable;

/**
 * Sorts the GC roots of a dump: the thread objects and their stack locals (which become
 * edges from the Thread object, one per object and thread), and everything else grouped in
 * the synthetic categories under {@code (GC roots)}.
 *
 * @author v8heapsnapshot developers
 * @since 0.1.0
 */
final class RootPlan {

	final LongIntMap threadsByObject = new LongIntMap();

	final List<HeapModel.Root> threadRoots = new ArrayList<>();

	final int[][] localNames;

	final long[][] localTargets;

	/**
	 * Per category of the dump's roots that has some, in order: the edges; those of the
	 * thread objects are named later.
	 */
	final Map<RootCategory, List<Edge>> edges = new EnumMap<>(RootCategory.class);

	private RootPlan(int threads) {
		this.localNames = new int[threads][];
		this.localTargets = new long[threads][];
	}

	static RootPlan build(HeapModel heap, ClassTable classes, StringTable strings) throws IOException {
		LongIntMap threadsBySerial = new LongIntMap();
		List<HeapModel.Root> threads = new ArrayList<>();
		for (HeapModel.Root root : heap.roots) {
			if (root.kind() == RootKind.THREAD_OBJECT && root.threadSerial() != 0
					&& heap.objects.lookup(root.objectId()) >= 0
					&& threadsBySerial.get(root.threadSerial() & 0xFFFFFFFFL, -1) < 0) {
				threadsBySerial.put(root.threadSerial() & 0xFFFFFFFFL, threads.size());
				threads.add(root);
			}
		}
		RootPlan plan = new RootPlan(threads.size());
		plan.threadRoots.addAll(threads);
		// Per thread: the name of each object its stack holds, by the object's id, in order
		List<Map<Long, Integer>> locals = new ArrayList<>();
		for (int i = 0; i < threads.size(); i++) {
			plan.threadsByObject.put(threads.get(i).objectId(), i);
			locals.add(new LinkedHashMap<>());
		}
		for (HeapModel.Root root : heap.roots) {
			switch (root.kind()) {
				case THREAD_OBJECT -> plan.add(RootCategory.THREAD_OBJECTS, -1, root.objectId());
				case JAVA_FRAME, JNI_LOCAL -> {
					String prefix = (root.kind() == RootKind.JAVA_FRAME) ? "<local>" : "<JNI local>";
					int thread = threadsBySerial.get(root.threadSerial() & 0xFFFFFFFFL, -1);
					if (thread >= 0) {
						if (!locals.get(thread).containsKey(root.objectId())) {
							String frame = frameName(heap, threads.get(thread).index(), root.index());
							locals.get(thread).put(root.objectId(), strings.intern(prefix + frame));
						}
					}
					else {
						plan.add(RootCategory.JAVA_FRAMES,
								strings.intern(prefix + " thread " + (root.threadSerial() & 0xFFFFFFFFL)), root.objectId());
					}
				}
				case JNI_GLOBAL -> plan.addNumbered(RootCategory.JNI_GLOBALS, " / JNI global", root.objectId(), strings);
				case STICKY_CLASS -> {
					ClassModel model = classes.byId(root.objectId());
					String name = (model != null) ? model.name : "0x" + Long.toHexString(root.objectId());
					plan.add(RootCategory.SYSTEM_CLASSES, strings.intern(name), root.objectId());
				}
				case MONITOR_USED -> plan.addNumbered(RootCategory.MONITORS, " / monitor", root.objectId(), strings);
				case NATIVE_STACK ->
					plan.addNumbered(RootCategory.NATIVE_STACKS, " / native stack", root.objectId(), strings);
				case THREAD_BLOCK ->
					plan.addNumbered(RootCategory.THREAD_BLOCKS, " / thread block", root.objectId(), strings);
				case UNKNOWN -> plan.addNumbered(RootCategory.UNKNOWN, " / unknown root", root.objectId(), strings);
			}
		}
		for (int i = 0; i < threads.size(); i++) {
			plan.localNames[i] = locals.get(i).values().stream().mapToInt(Integer::intValue).toArray();
			plan.localTargets[i] = locals.get(i).keySet().stream().mapToLong(Long::longValue).toArray();
		}
		return plan;
	}

	private void add(RootCategory category, int name, long target) {
		this.edges.computeIfAbsent(category, (key) -> new ArrayList<>()).add(new Edge(name, target));
	}

	// Named by their place in the category, counting from 1
	private void addNumbered(RootCategory category, String suffix, long target, StringTable strings)
			throws IOException {
		add(category, strings.intern((this.edges.getOrDefault(category, List.of()).size() + 1) + suffix), target);
	}

	private static String frameName(HeapModel heap, int traceSerial, int frameIndex) throws IOException {
		int trace = heap.traceIndex.get(traceSerial & 0xFFFFFFFFL, -1);
		if (trace < 0 || frameIndex < 0 || frameIndex >= heap.traces.get(trace).frameIds().length) {
			return "";
		}
		int index = heap.frameIndex.get(heap.traces.get(trace).frameIds()[frameIndex], -1);
		if (index < 0) {
			return " frame " + frameIndex;
		}
		StackFrame frame = heap.frames.get(index);
		int load = heap.classSerials.get(frame.classSerial(), -1);
		String className = (load >= 0) ? ClassTable.binaryName(heap.symbol(heap.loadClassNames.get(load), "?"))
				: "?";
		String method = heap.symbol(frame.methodNameId(), "?");
		String source;
		if (frame.line() == StackFrame.NATIVE_METHOD) {
			source = "Native Method";
		}
		else {
			String file = (frame.sourceFileId() != 0) ? heap.symbol(frame.sourceFileId()) : null;
			if (file == null) {
				source = "Unknown Source";
			}
			else {
				source = (frame.line() > 0) ? file + ":" + frame.line() : file;
			}
		}
		return " frame " + frameIndex + ": " + className + "." + method + "(" + source + ")";
	}

	/**
	 * An edge from a category's node to a root.
	 *
	 * @param name the string index of the edge's name, or -1 for a thread object's
	 * @param target the id of the root object
	 */
	record Edge(int name, long target) {

	}

}

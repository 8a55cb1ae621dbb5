package io.github.v8heapsnapshot.convert;

import java.io.IOException;
import java.util.ArrayList;
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

	static final String[] CATEGORY_NAMES = { "(JNI globals)", "(System classes)", "(Thread objects)", "(Java frames)",
			"(Monitors)", "(Native stacks)", "(Thread blocks)", "(Unknown roots)", "(Unreachable from dump roots)",
			"(Weakly reachable only)" };

	static final int JNI_GLOBALS = 0;

	static final int SYSTEM_CLASSES = 1;

	static final int THREAD_OBJECTS = 2;

	static final int JAVA_FRAMES = 3;

	static final int MONITORS = 4;

	static final int NATIVE_STACKS = 5;

	static final int THREAD_BLOCKS = 6;

	static final int UNKNOWN = 7;

	static final int UNREACHABLE = 8;

	static final int WEAKLY_REACHABLE = 9;

	final LongIntMap threadsByObject = new LongIntMap();

	final List<HeapModel.Root> threadRoots = new ArrayList<>();

	final int[][] localNames;

	final long[][] localTargets;

	/** Per category: the string indexes of the edge names; thread names are added later. */
	final List<List<Integer>> names = new ArrayList<>();

	/** Per category: the ids of the edge targets. */
	final List<List<Long>> targets = new ArrayList<>();

	private RootPlan(int threads) {
		this.localNames = new int[threads][];
		this.localTargets = new long[threads][];
		for (int i = 0; i < CATEGORY_NAMES.length; i++) {
			this.names.add(new ArrayList<>());
			this.targets.add(new ArrayList<>());
		}
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
		int[] counters = new int[CATEGORY_NAMES.length];
		for (HeapModel.Root root : heap.roots) {
			switch (root.kind()) {
				case THREAD_OBJECT -> plan.add(THREAD_OBJECTS, -1, root.objectId());
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
						plan.add(JAVA_FRAMES, strings.intern(prefix + " thread " + (root.threadSerial() & 0xFFFFFFFFL)),
								root.objectId());
					}
				}
				case JNI_GLOBAL -> plan.add(JNI_GLOBALS, strings.intern(++counters[JNI_GLOBALS] + " / JNI global"),
						root.objectId());
				case STICKY_CLASS -> {
					ClassModel model = classes.byId(root.objectId());
					String name = (model != null) ? model.name : "0x" + Long.toHexString(root.objectId());
					plan.add(SYSTEM_CLASSES, strings.intern(name), root.objectId());
				}
				case MONITOR_USED -> plan.add(MONITORS, strings.intern(++counters[MONITORS] + " / monitor"),
						root.objectId());
				case NATIVE_STACK -> plan.add(NATIVE_STACKS,
						strings.intern(++counters[NATIVE_STACKS] + " / native stack"), root.objectId());
				case THREAD_BLOCK -> plan.add(THREAD_BLOCKS,
						strings.intern(++counters[THREAD_BLOCKS] + " / thread block"), root.objectId());
				case UNKNOWN -> plan.add(UNKNOWN, strings.intern(++counters[UNKNOWN] + " / unknown root"),
						root.objectId());
			}
		}
		for (int i = 0; i < threads.size(); i++) {
			plan.localNames[i] = locals.get(i).values().stream().mapToInt(Integer::intValue).toArray();
			plan.localTargets[i] = locals.get(i).keySet().stream().mapToLong(Long::longValue).toArray();
		}
		return plan;
	}

	private void add(int category, int name, long target) {
		this.names.get(category).add(name);
		this.targets.get(category).add(target);
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

}

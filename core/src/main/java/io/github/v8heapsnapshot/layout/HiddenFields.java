package io.github.v8heapsnapshot.layout;

import java.util.List;
import java.util.Set;

/**
 * What HotSpot adds to the instances of some JDK classes beyond the fields that HPROF lists:
 * fields the JVM injects for its own use ({@code javaClasses.hpp}) and the padding around
 * {@code @Contended} fields, which the JDK uses in a few concurrency classes. Subclasses
 * inherit both. The table covers the JDKs whose layouts the tests hold against the JVM's own
 * sizes (17 and 25) and JDK 21 as its sources define it.
 *
 * @author v8heapsnapshot developers
 * @since 0.2.0
 */
final class HiddenFields {

	/**
	 * HotSpot's default {@code -XX:ContendedPaddingWidth}.
	 */
	private static final int PADDING = 128;

	private static final int LATEST = Integer.MAX_VALUE;

	private static final List<Injected> INJECTED = List.of(
			new Injected("java.lang.ClassLoader", 9, LATEST, 1, 0, 0),
			new Injected("java.lang.Module", 9, LATEST, 1, 0, 0),
			new Injected("java.lang.invoke.MemberName", 9, LATEST, 1, 0, 0),
			new Injected("java.lang.invoke.ResolvedMethodName", 9, 21, 1, 1, 0),
			new Injected("java.lang.invoke.ResolvedMethodName", 22, LATEST, 1, 0, 0),
			new Injected("java.lang.invoke.MethodHandleNatives$CallSiteContext", 9, 20, 1, 0, 8),
			new Injected("java.lang.invoke.CallSite", 21, LATEST, 1, 0, 8),
			new Injected("java.lang.StackFrameInfo", 9, LATEST, 0, 0, 2),
			new Injected("java.lang.String", 18, LATEST, 0, 0, 1),
			// jvmti_thread_state, jvmti_VTMS_transition_disable_count, jvmti_is_in_VTMS_transition, jfr_epoch
			new Injected("java.lang.Thread", 19, LATEST, 1, 0, 4 + 1 + 2),
			// objectWaiter
			new Injected("java.lang.VirtualThread", 24, LATEST, 1, 0, 0),
			// during_unsafe_access
			new Injected("java.lang.InternalError", 9, LATEST, 0, 0, 1));

	private static final List<Contended> CONTENDED = List.of(
			Contended.fields("java.lang.Thread", 9, 18,
					Set.of("threadLocalRandomSeed", "threadLocalRandomProbe", "threadLocalRandomSecondarySeed")),
			Contended.fields("java.util.concurrent.ForkJoinPool", 9, 21, Set.of("ctl")),
			Contended.fields("java.util.concurrent.ForkJoinPool", 22, LATEST, Set.of("ctl", "parallelism")),
			Contended.fields("java.util.concurrent.ForkJoinPool$WorkQueue", 9, 21, Set.of("top", "source", "nsteals")),
			Contended.fields("java.util.concurrent.ForkJoinPool$WorkQueue", 22, LATEST,
					Set.of("top", "phase", "stackPred", "source", "nsteals", "parking")),
			Contended.wholeClass("java.util.concurrent.SubmissionPublisher$BufferedSubscription", 9, LATEST,
					Set.of("demand", "waiting")),
			Contended.wholeClass("java.util.concurrent.ConcurrentHashMap$CounterCell", 9, LATEST, Set.of()),
			Contended.wholeClass("java.util.concurrent.atomic.Striped64$Cell", 9, LATEST, Set.of()),
			Contended.wholeClass("java.util.concurrent.Exchanger$Node", 9, 24, Set.of()),
			Contended.wholeClass("java.util.concurrent.Exchanger$Slot", 25, LATEST, Set.of()));

	/**
	 * Classes without fields of their own below a class with contended padding, which
	 * HotSpot before JDK 19 pads once more.
	 */
	private static final List<Injected> PADDED = List.of(new Injected(
			"java.util.concurrent.ForkJoinWorkerThread$InnocuousForkJoinWorkerThread", 9, 18, 0, 0, PADDING));

	private HiddenFields() {
	}

	/**
	 * Returns where the instance fields of a class end.
	 * @param layout the layout of the JVM
	 * @param superEnd where the fields of the superclass end, or the header size
	 * @param className the binary name of the class
	 * @param fieldNames the names of the fields the class declares
	 * @param fieldSizes their sizes in the heap
	 * @param references which of them are references
	 * @return the offset after the last field or padding
	 */
	static long fieldsEnd(ObjectLayout layout, long superEnd, String className, String[] fieldNames,
			int[] fieldSizes, boolean[] references) {
		int version = layout.javaVersion();
		long injected = 0;
		for (Injected field : INJECTED) {
			if (field.appliesTo(className, version)) {
				injected += field.bytes(layout);
			}
		}
		for (Injected padding : PADDED) {
			if (padding.appliesTo(className, version)) {
				injected += padding.bytes(layout);
			}
		}
		Contended contended = null;
		for (Contended candidate : CONTENDED) {
			if (candidate.className().equals(className) && candidate.covers(version)) {
				contended = candidate;
			}
		}
		if (contended == null) {
			long end = superEnd + injected;
			for (int size : fieldSizes) {
				end += size;
			}
			return end;
		}
		return contended.fieldsEnd(superEnd + injected, fieldNames, fieldSizes, references);
	}

	/**
	 * Fields a JVM injects into a class.
	 *
	 * @param className the class
	 * @param from the first feature version that injects them
	 * @param to the last one
	 * @param words native words ({@code intptr_t}, 8 bytes on a 64-bit JVM)
	 * @param references object references
	 * @param bytes other bytes
	 */
	private record Injected(String className, int from, int to, int words, int references, int bytes) {

		boolean appliesTo(String name, int version) {
			return this.className.equals(name) && version >= this.from && version <= this.to;
		}

		long bytes(ObjectLayout layout) {
			return this.words * 8L + (long) this.references * layout.referenceSize() + this.bytes;
		}

	}

	/**
	 * A class with {@code @Contended} fields: HotSpot lays out its other fields first, then
	 * each contended group behind {@link #PADDING} bytes, and ends with the same padding. A
	 * class annotated as a whole is padded before its fields too.
	 *
	 * @param className the class
	 * @param from the first feature version this applies to
	 * @param to the last one
	 * @param wholeClass whether the class itself is annotated
	 * @param group the fields of its one contended group
	 */
	private record Contended(String className, int from, int to, boolean wholeClass, Set<String> group) {

		static Contended fields(String className, int from, int to, Set<String> group) {
			return new Contended(className, from, to, false, group);
		}

		static Contended wholeClass(String className, int from, int to, Set<String> group) {
			return new Contended(className, from, to, true, group);
		}

		boolean covers(int version) {
			return version >= this.from && version <= this.to;
		}

		long fieldsEnd(long start, String[] names, int[] sizes, boolean[] references) {
			long end = new Block(names, sizes, references, false).place(start + (this.wholeClass ? PADDING : 0),
					!this.wholeClass);
			if (!this.group.isEmpty()) {
				end = new Block(names, sizes, references, true).place(end + PADDING, false);
			}
			return end + PADDING;
		}

		/**
		 * The fields of a contended group, or the other fields of the class.
		 */
		private final class Block {

			private final String[] names;

			private final int[] sizes;

			private final boolean[] references;

			private final boolean inGroup;

			private long gap;

			private long gapEnd;

			private long end;

			Block(String[] names, int[] sizes, boolean[] references, boolean inGroup) {
				this.names = names;
				this.sizes = sizes;
				this.references = references;
				this.inGroup = inGroup;
			}

			// HotSpot places primitives first, the largest first, each aligned to its size and
			// smaller ones filling the gap that alignment left (unless it is padding), then
			// the references
			long place(long start, boolean fillGap) {
				this.end = start;
				this.gap = start;
				this.gapEnd = start;
				for (int size = 8; size >= 1; size /= 2) {
					placeAll(size, false, fillGap);
				}
				placeAll(-1, true, fillGap);
				return this.end;
			}

			private void placeAll(int size, boolean reference, boolean fillGap) {
				for (int i = 0; i < this.names.length; i++) {
					if (this.references[i] != reference || (!reference && this.sizes[i] != size)
							|| group.contains(this.names[i]) != this.inGroup) {
						continue;
					}
					int fieldSize = this.sizes[i];
					long inGap = alignUp(this.gap, fieldSize);
					if (inGap + fieldSize <= this.gapEnd) {
						this.gap = inGap + fieldSize;
						continue;
					}
					long offset = alignUp(this.end, fieldSize);
					if (offset > this.end && fillGap) {
						this.gap = this.end;
						this.gapEnd = offset;
					}
					this.end = offset + fieldSize;
				}
			}

			private static long alignUp(long offset, int size) {
				return (offset + size - 1) & -size;
			}

		}

	}

}

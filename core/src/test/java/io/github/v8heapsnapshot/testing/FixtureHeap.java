package io.github.v8heapsnapshot.testing;

import java.io.IOException;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.ref.Reference;
import java.lang.ref.WeakReference;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.locks.LockSupport;

import com.sun.management.HotSpotDiagnosticMXBean;
import org.jspecify.annotations.Nullable;
import org.openjdk.jol.info.ClassLayout;
import org.openjdk.jol.info.GraphLayout;

/**
 * The main class of a forked JVM that builds a known object graph, records what is true of
 * it (counts, values, and sizes measured by JOL) and of the JVM's object layout, and dumps
 * its heap with {@code HotSpotDiagnosticMXBean.dumpHeap(file, true)}. Run it with the test
 * class path: {@code FixtureHeap DUMP.hprof TRUTH.properties}.
 *
 * @author v8heapsnapshot developers
 * @since 0.1.0
 */
public final class FixtureHeap {

	/**
	 * How many {@link Item items} the {@link ItemList} holds.
	 */
	public static final int ITEM_COUNT = 1000;

	/**
	 * How many slots the big {@code Object[]}, bigger than a heap dump segment, has.
	 */
	public static final int SLOT_COUNT = 150_000;

	static ItemList items;

	static Texts texts;

	static SharedText shared;

	static ArrayHolder arrays;

	static WeakTarget target;

	static BigArrays big;

	static WeakReference<WeakTarget> weak;

	private static volatile boolean dumped;

	private FixtureHeap() {
	}

	/**
	 * Builds the graph, records the truth and dumps the heap.
	 * @param args the dump file (ending in {@code .hprof}) and the truth file
	 * @throws Exception if the dump fails
	 */
	public static void main(String[] args) throws Exception {
		build();
		CountDownLatch parked = new CountDownLatch(1);
		Thread worker = new Thread(() -> keepAlive(new StackLocal(), parked), "fixture-worker");
		worker.setDaemon(true);
		worker.start();
		parked.await();
		while (worker.getState() != Thread.State.WAITING) {
			Thread.sleep(1);
		}
		Thread virtual = startVirtualThread();
		writeTruth(Path.of(args[1]), worker, virtual);
		ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class).dumpHeap(args[0], true);
		dumped = true;
		LockSupport.unpark(worker);
		worker.join();
		if (virtual != null) {
			LockSupport.unpark(virtual);
			virtual.join();
		}
	}

	private static void build() {
		items = new ItemList();
		Item previous = null;
		for (int i = 0; i < ITEM_COUNT; i++) {
			previous = new Item(previous, i, "item-" + i);
			items.items.add(previous);
		}
		texts = new Texts(fresh("Gr\u00fc\u00dfe aus Z\u00fcrich"), fresh("utf16-\u20ac-\u4e2d\u6587"),
				fresh("non-BMP \ud83d\ude00 \ud834\udd1e"));
		String first = fresh("shared by two strings");
		// new String(String) keeps the original's byte[]: two strings, one array
		shared = new SharedText(first, new String(first));
		arrays = new ArrayHolder();
		target = new WeakTarget();
		weak = new WeakReference<>(target);
		Registry.ENTRIES.add(new RegisteredEntry());
		big = new BigArrays();
	}

	// The truth must be gone from the stack when the heap is dumped: it holds some of the strings
	private static void writeTruth(Path file, Thread worker, @Nullable Thread virtual) throws IOException {
		Properties truth = new Properties();
		count(truth, ItemList.class, 1);
		count(truth, Item.class, ITEM_COUNT);
		count(truth, Texts.class, 1);
		count(truth, SharedText.class, 1);
		count(truth, ArrayHolder.class, 1);
		count(truth, Marker.class, 1);
		count(truth, RegisteredEntry.class, 1);
		count(truth, StackLocal.class, 1);
		count(truth, WeakTarget.class, 1);
		count(truth, Slot.class, 1);
		count(truth, VirtualLocal.class, (virtual != null) ? 1 : 0);
		size(truth, "item", items.items.get(0));
		size(truth, "itemList", items);
		size(truth, "texts", texts);
		size(truth, "shared", shared);
		size(truth, "arrays", arrays);
		size(truth, "marker", arrays.mixed[0]);
		size(truth, "entry", Registry.ENTRIES.get(0));
		size(truth, "weakTarget", target);
		size(truth, "weakReference", weak);
		size(truth, "mixed", arrays.mixed);
		size(truth, "booleans", arrays.booleans);
		size(truth, "bytes", arrays.bytes);
		size(truth, "chars", arrays.chars);
		size(truth, "shorts", arrays.shorts);
		size(truth, "ints", arrays.ints);
		size(truth, "longs", arrays.longs);
		size(truth, "floats", arrays.floats);
		size(truth, "doubles", arrays.doubles);
		size(truth, "sharedString", shared.first);
		size(truth, "bigBytes", big.bytes);
		size(truth, "bigSlots", big.slots);
		text(truth, "latin1", texts.latin1);
		text(truth, "utf16", texts.utf16);
		text(truth, "supplementary", texts.supplementary);
		text(truth, "shared", shared.first);
		text(truth, "mixed", (String) arrays.mixed[2]);
		text(truth, "label0", items.items.get(0).label);
		total(truth, "items", items);
		total(truth, "texts", texts);
		total(truth, "shared", shared);
		total(truth, "arrays", arrays);
		total(truth, "big", big);
		// The bytes of the String, its array folded in
		total(truth, "latin1", texts.latin1);
		total(truth, "utf16", texts.utf16);
		total(truth, "supplementary", texts.supplementary);
		total(truth, "label0", items.items.get(0).label);
		recordFrame(worker, "keepAlive", "frame", truth);
		if (virtual != null) {
			recordFrame(virtual, "keepAliveVirtual", "virtualFrame", truth);
		}
		recordLayout(truth);
		try (OutputStream out = Files.newOutputStream(file)) {
			truth.store(out, "What is true of the fixture heap");
		}
	}

	private static void keepAlive(StackLocal local, CountDownLatch parked) {
		parked.countDown();
		while (!dumped) {
			LockSupport.park();
		}
		Reference.reachabilityFence(local);
	}

	private static void keepAliveVirtual(VirtualLocal local) {
		while (!dumped) {
			LockSupport.park();
		}
		Reference.reachabilityFence(local);
	}

	// A parked virtual thread on JDK 21+, started reflectively as this code compiles for 17
	private static @Nullable Thread startVirtualThread() throws Exception {
		if (Runtime.version().feature() < 21) {
			return null;
		}
		Object builder = Thread.class.getMethod("ofVirtual").invoke(null);
		Class<?> builderType = Class.forName("java.lang.Thread$Builder");
		builder = builderType.getMethod("name", String.class).invoke(builder, "fixture-virtual");
		Runnable task = () -> keepAliveVirtual(new VirtualLocal());
		Thread virtual = (Thread) builderType.getMethod("start", Runnable.class).invoke(builder, task);
		while (virtual.getState() != Thread.State.WAITING) {
			Thread.sleep(1);
		}
		return virtual;
	}

	private static void recordFrame(Thread thread, String method, String key, Properties truth) {
		StackTraceElement[] stack = thread.getStackTrace();
		for (int i = 0; i < stack.length; i++) {
			if (stack[i].getMethodName().equals(method)) {
				truth.setProperty(key + ".index", Integer.toString(i));
				truth.setProperty(key + ".name", stack[i].getClassName() + "." + stack[i].getMethodName() + "("
						+ stack[i].getFileName() + ":" + stack[i].getLineNumber() + ")");
				return;
			}
		}
		throw new IllegalStateException(thread.getName() + " is not in " + method);
	}

	static void recordLayout(Properties truth) {
		HotSpotDiagnosticMXBean diagnostics = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
		truth.setProperty("layout.javaVersion", Integer.toString(Runtime.version().feature()));
		for (String flag : List.of("UseCompressedOops", "UseCompressedClassPointers", "UseCompactObjectHeaders",
				"ObjectAlignmentInBytes")) {
			String value;
			try {
				value = diagnostics.getVMOption(flag).getValue();
			}
			catch (IllegalArgumentException ex) {
				// No compact object headers before JDK 24
				value = "false";
			}
			truth.setProperty("layout." + flag, value);
		}
	}

	private static String fresh(String value) {
		return new String(value.toCharArray());
	}

	private static void count(Properties truth, Class<?> type, int count) {
		truth.setProperty("count." + type.getName(), Integer.toString(count));
	}

	private static void size(Properties truth, String key, Object instance) {
		truth.setProperty("size." + key, Long.toString(ClassLayout.parseInstance(instance).instanceSize()));
	}

	private static void text(Properties truth, String key, String value) {
		truth.setProperty("text." + key, value);
	}

	private static void total(Properties truth, String key, Object root) {
		truth.setProperty("total." + key, Long.toString(GraphLayout.parseInstance(root).totalSize()));
	}

	/**
	 * Holds a list of items; referenced only by a static field.
	 */
	static final class ItemList {

		final List<Item> items = new ArrayList<>();

	}

	/**
	 * An item that refers to the previous one and to its own label.
	 */
	static final class Item {

		final Item previous;

		final int index;

		final String label;

		Item(Item previous, int index, String label) {
			this.previous = previous;
			this.index = index;
			this.label = label;
		}

	}

	/**
	 * Strings of each kind: Latin-1, UTF-16, and UTF-16 with supplementary characters.
	 */
	static final class Texts {

		final String latin1;

		final String utf16;

		final String supplementary;

		Texts(String latin1, String utf16, String supplementary) {
			this.latin1 = latin1;
			this.utf16 = utf16;
			this.supplementary = supplementary;
		}

	}

	/**
	 * Two strings that share one {@code byte[]}.
	 */
	static final class SharedText {

		final String first;

		final String second;

		SharedText(String first, String second) {
			this.first = first;
			this.second = second;
		}

	}

	/**
	 * An {@code Object[]} with nulls and a primitive array of each type.
	 */
	static final class ArrayHolder {

		final Object[] mixed = { new Marker(), null, fresh("in an array"), null };

		final boolean[] booleans = { true, false, true };

		final byte[] bytes = { 1, 2, 3, 4, 5 };

		final char[] chars = { 'a', 'b', 'c', 'd' };

		final short[] shorts = { 1, 2 };

		final int[] ints = { 1, 2, 3, 4, 5, 6, 7 };

		final long[] longs = { 1, 2, 3 };

		final float[] floats = { 1.5f, 2.5f };

		final double[] doubles = { 0.25 };

	}

	/**
	 * Arrays bigger than the 1 MiB heap dump segments HotSpot writes: each gets a segment of
	 * its own.
	 */
	static final class BigArrays {

		final byte[] bytes = new byte[3_000_000];

		final Object[] slots = new Object[SLOT_COUNT];

		BigArrays() {
			Arrays.fill(this.slots, new Slot());
		}

	}

	/**
	 * What every slot of the big {@code Object[]} holds.
	 */
	static final class Slot {

	}

	/**
	 * The element of the {@code Object[]}.
	 */
	static final class Marker {

	}

	/**
	 * A static registry.
	 */
	static final class Registry {

		static final List<RegisteredEntry> ENTRIES = new ArrayList<>();

		private Registry() {
		}

	}

	/**
	 * What the registry holds.
	 */
	static final class RegisteredEntry {

		final long registered = 42;

	}

	/**
	 * Kept alive only by a local variable of the worker thread.
	 */
	static final class StackLocal {

		final int value = 7;

	}

	/**
	 * Kept alive only by a local variable of a parked virtual thread.
	 */
	static final class VirtualLocal {

		final int value = 11;

	}

	/**
	 * The referent of a weak reference, also held strongly by a static field.
	 */
	static final class WeakTarget {

		final int value = 3;

	}

}

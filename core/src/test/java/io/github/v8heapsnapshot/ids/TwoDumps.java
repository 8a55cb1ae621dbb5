package io.github.v8heapsnapshot.ids;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.sun.management.HotSpotDiagnosticMXBean;

/**
 * Run in a child JVM by {@link ObjectIdsRealDumpTests}: keeps survivors in a map and the
 * reflection data of {@link Overloads}, which only a field that HPROF leaves out holds, dumps
 * its heap, adds newcomers (the map resizes) while making garbage, and dumps it again.
 *
 * @author v8heapsnapshot developers
 */
public final class TwoDumps {

	static final int SURVIVORS = 2000;

	static final int NEWCOMERS = 500;

	static final Map<String, Item> items = new HashMap<>();

	private TwoDumps() {
	}

	public static void main(String[] args) throws Exception {
		HotSpotDiagnosticMXBean diagnostics = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
		add("survivor-", SURVIVORS);
		Overloads.class.getDeclaredMethods();
		diagnostics.dumpHeap(args[0], true);
		List<byte[]> garbage = new ArrayList<>();
		for (int i = 0; i < 20_000; i++) {
			garbage.add(new byte[1024]);
			if (garbage.size() > 1000) {
				garbage.clear();
			}
		}
		add("newcomer-", NEWCOMERS);
		diagnostics.dumpHeap(args[1], true);
	}

	private static void add(String prefix, int count) {
		for (int i = 0; i < count; i++) {
			String name = prefix + i;
			items.put(name, new Item(name, new byte[64]));
		}
	}

	/**
	 * Methods that share their name, their class and their return type.
	 */
	static final class Overloads {

		static final int COUNT = 6;

		void handle(String value) {
		}

		void handle(Integer value) {
		}

		void handle(Long value) {
		}

		void handle(Double value) {
		}

		void handle(Boolean value) {
		}

		void handle(Character value) {
		}

	}

	/**
	 * What the map holds.
	 *
	 * @param name a unique name
	 * @param payload some bytes
	 */
	record Item(String name, byte[] payload) {
	}

}

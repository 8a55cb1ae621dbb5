package io.github.v8heapsnapshot.ids;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.sun.management.HotSpotDiagnosticMXBean;

/**
 * Run in a child JVM by {@link ObjectIdsRealDumpTests}: keeps survivors in a map, dumps its
 * heap, adds newcomers (the map resizes) while making garbage, and dumps it again.
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
	 * What the map holds.
	 *
	 * @param name a unique name
	 * @param payload some bytes
	 */
	record Item(String name, byte[] payload) {
	}

}

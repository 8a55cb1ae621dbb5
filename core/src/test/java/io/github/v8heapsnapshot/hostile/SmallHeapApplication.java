package io.github.v8heapsnapshot.hostile;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import com.sun.management.HotSpotDiagnosticMXBean;

/**
 * Run in a child JVM: keeps a few known objects, then dumps its own live heap. The values
 * to keep come from a file, so that they never appear in the command line, which the JVM
 * keeps in its heap as a system property. With {@code -Dsmall-heap.objects=N} it also keeps
 * a chain of N small objects and strings.
 *
 * @author v8heapsnapshot developers
 */
final class SmallHeapApplication {

	static Holder holder;

	static Object[] chain;

	private SmallHeapApplication() {
	}

	/**
	 * Dumps the heap.
	 * @param args the HPROF file to write, then optionally a file of five lines: the value
	 * of a {@code password} field, of a map entry {@code api.token}, of a property
	 * {@code datasource.password}, of a field {@code pin}, and a harmless value kept twice
	 * in two distinct strings
	 * @throws Exception if the dump fails
	 */
	public static void main(String[] args) throws Exception {
		if (args.length > 1) {
			List<String> values = Files.readAllLines(Path.of(args[1]));
			holder = new Holder(values.get(0), values.get(1), values.get(2), values.get(3), values.get(4));
		}
		Object[] next = null;
		for (int i = Integer.getInteger("small-heap.objects", 0); i > 0; i -= 3) {
			next = new Object[] { next, "link " + i, new int[i % 7] };
		}
		chain = next;
		ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class).dumpHeap(args[0], true);
	}

	static final class Holder {

		final String password;

		final Map<String, String> settings = new HashMap<>();

		final Properties properties = new Properties();

		final String pin;

		final String first;

		final String second;

		Holder(String password, String token, String property, String pin, String harmless) {
			this.password = password;
			this.settings.put("api.token", token);
			this.settings.put("greeting", "hello");
			this.properties.setProperty("datasource.password", property);
			this.properties.setProperty("datasource.url", "jdbc:h2:mem:test");
			this.pin = pin;
			this.first = new String(harmless);
			this.second = new String(harmless);
		}

	}

}

package io.github.v8heapsnapshot.testing;

import java.io.IOException;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.net.URI;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Stream;

import com.sun.management.HotSpotDiagnosticMXBean;
import org.openjdk.jol.vm.VM;

/**
 * A heap that holds one instance of every concrete class of {@code java.base}, allocated
 * without running a constructor, with the size the JVM gives each (JOL, through
 * {@code Instrumentation.getObjectSize}). Run it with the test class path:
 * {@code JdkClassesHeap DUMP.hprof TRUTH.properties}.
 *
 * @author v8heapsnapshot developers
 */
public final class JdkClassesHeap {

	// Sized by what they hold, not by their class: no size to compare
	private static final Set<String> VARIABLE = Set.of("java.lang.Class", "java.lang.String",
			"jdk.internal.vm.StackChunk");

	private static final List<Object> instances = new ArrayList<>();

	private JdkClassesHeap() {
	}

	/**
	 * Allocates the instances, records their sizes and dumps the heap.
	 * @param args the dump file (ending in {@code .hprof}) and the truth file
	 * @throws Exception if the dump fails
	 */
	public static void main(String[] args) throws Exception {
		Field field = Class.forName("sun.misc.Unsafe").getDeclaredField("theUnsafe");
		field.setAccessible(true);
		sun.misc.Unsafe unsafe = (sun.misc.Unsafe) field.get(null);
		Properties truth = new Properties();
		FixtureHeap.recordLayout(truth);
		for (String name : javaBaseClasses()) {
			Class<?> type;
			try {
				type = Class.forName(name, false, null);
			}
			catch (ClassNotFoundException | Error ex) {
				continue;
			}
			if (type.isInterface() || Modifier.isAbstract(type.getModifiers()) || VARIABLE.contains(name)) {
				continue;
			}
			Object instance;
			try {
				instance = unsafe.allocateInstance(type);
			}
			// Some classes refuse to initialize outside their context
			catch (InstantiationException | Error ex) {
				continue;
			}
			instances.add(instance);
			truth.setProperty("size." + name, Long.toString(VM.current().sizeOf(instance)));
		}
		try (OutputStream out = Files.newOutputStream(Path.of(args[1]))) {
			truth.store(out, null);
		}
		ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class).dumpHeap(args[0], true);
	}

	private static List<String> javaBaseClasses() throws IOException {
		FileSystem jrt = FileSystems.getFileSystem(URI.create("jrt:/"));
		Path base = jrt.getPath("/modules/java.base");
		try (Stream<Path> files = Files.walk(base)) {
			return files.map((file) -> base.relativize(file).toString())
				.filter((file) -> file.endsWith(".class") && !file.equals("module-info.class"))
				.map((file) -> file.substring(0, file.length() - 6).replace('/', '.'))
				.sorted()
				.toList();
		}
	}

}

package io.github.v8heapsnapshot.boot.snapshot;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.function.Supplier;

import com.sun.management.HotSpotDiagnosticMXBean;
import org.jspecify.annotations.Nullable;

/**
 * {@link HeapDumper} that uses the {@link HotSpotDiagnosticMXBean} of HotSpot JVMs
 * (OpenJDK, Oracle and their builds).
 *
 * @author v8heapsnapshot developers
 * @since 0.1.0
 */
public class HotSpotHeapDumper implements HeapDumper {

	private final Supplier<@Nullable HotSpotDiagnosticMXBean> diagnostics;

	/**
	 * Creates a dumper that uses the platform's {@link HotSpotDiagnosticMXBean}.
	 */
	public HotSpotHeapDumper() {
		this(HotSpotHeapDumper::platformDiagnostics);
	}

	/**
	 * Creates a dumper that uses the given {@link HotSpotDiagnosticMXBean}.
	 * @param diagnostics supplies the bean, or {@code null} when the JVM has none
	 */
	public HotSpotHeapDumper(Supplier<@Nullable HotSpotDiagnosticMXBean> diagnostics) {
		this.diagnostics = diagnostics;
	}

	@Override
	public void dumpHeap(Path file, boolean live) throws IOException {
		HotSpotDiagnosticMXBean bean = this.diagnostics.get();
		if (bean == null) {
			throw new HeapDumperUnavailableException("This JVM has no HotSpotDiagnosticMXBean to dump its heap with");
		}
		bean.dumpHeap(file.toString(), live);
	}

	private static @Nullable HotSpotDiagnosticMXBean platformDiagnostics() {
		try {
			return ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
		}
		catch (IllegalArgumentException | LinkageError ex) {
			return null;
		}
	}

}

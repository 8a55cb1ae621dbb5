package io.github.v8heapsnapshot.hostile;

import java.io.IOException;
import java.nio.file.Path;

import io.github.v8heapsnapshot.convert.ConversionOptions;
import io.github.v8heapsnapshot.convert.ConversionResult;
import io.github.v8heapsnapshot.convert.HeapSnapshotConverter;
import io.github.v8heapsnapshot.hprof.HprofFormatException;

/**
 * Run in a child JVM with a small heap: converts each input and prints one line per input,
 * {@code converted NAME NODES}, {@code refused NAME OFFSET} or {@code failed NAME CAUSE}.
 * Any error, such as an {@link OutOfMemoryError}, ends the JVM with a stack trace.
 *
 * @author v8heapsnapshot developers
 */
final class ConvertingApplication {

	private ConvertingApplication() {
	}

	/**
	 * Converts the inputs.
	 * @param args the output directory, then the HPROF files
	 */
	public static void main(String[] args) {
		HeapSnapshotConverter converter = new HeapSnapshotConverter(ConversionOptions.defaults());
		Path output = Path.of(args[0]);
		for (int i = 1; i < args.length; i++) {
			Path hprof = Path.of(args[i]);
			String name = hprof.getFileName().toString();
			try {
				ConversionResult result = converter.convert(hprof, output.resolve(name + ".heapsnapshot"));
				System.out.println("converted " + name + " " + result.nodeCount());
			}
			catch (HprofFormatException ex) {
				System.out.println("refused " + name + " " + ex.offset());
			}
			catch (IOException ex) {
				System.out.println("failed " + name + " " + ex);
			}
		}
	}

}

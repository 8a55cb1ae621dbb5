package io.github.v8heapsnapshot.convert;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Converts an HPROF heap dump, as HotSpot writes it, into a V8 {@code .heapsnapshot} file
 * that Chrome DevTools and memlab load. Memory use is bounded: large indexes live in
 * temporary files. The output appears atomically, complete or not at all.
 *
 * @author v8heapsnapshot developers
 * @since 0.1.0
 */
public final class HeapSnapshotConverter {

	private final ConversionOptions options;

	/**
	 * Creates a converter.
	 * @param options how to convert
	 */
	public HeapSnapshotConverter(ConversionOptions options) {
		this.options = Objects.requireNonNull(options, "options");
	}

	/**
	 * Converts a dump.
	 * @param hprof the HPROF file to read
	 * @param snapshot the {@code .heapsnapshot} file to write; replaced if it exists
	 * @return what was written
	 * @throws IOException if the input cannot be read or is not a valid HPROF file
	 * ({@code HprofFormatException}), the output cannot be written, or the conversion was
	 * cancelled ({@link ConversionCancelledException})
	 */
	public ConversionResult convert(Path hprof, Path snapshot) throws IOException {
		return convert(hprof, snapshot, ConversionListener.NONE);
	}

	/**
	 * Converts a dump, reporting progress to a listener that may cancel.
	 * @param hprof the HPROF file to read
	 * @param snapshot the {@code .heapsnapshot} file to write; replaced if it exists
	 * @param listener told of the progress
	 * @return what was written
	 * @throws IOException if the input cannot be read or is not a valid HPROF file
	 * ({@code HprofFormatException}), the output cannot be written, or the conversion was
	 * cancelled ({@link ConversionCancelledException})
	 */
	public ConversionResult convert(Path hprof, Path snapshot, ConversionListener listener) throws IOException {
		throw new UnsupportedOperationException("The engine is being written");
	}

}

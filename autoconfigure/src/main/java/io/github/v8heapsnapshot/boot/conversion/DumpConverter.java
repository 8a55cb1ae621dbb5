package io.github.v8heapsnapshot.boot.conversion;

import java.io.IOException;
import java.nio.file.Path;

import io.github.v8heapsnapshot.cancel.Cancellation;
import io.github.v8heapsnapshot.convert.ConversionListener;
import io.github.v8heapsnapshot.convert.ConversionOptions;
import io.github.v8heapsnapshot.convert.ConversionResult;
import io.github.v8heapsnapshot.convert.HeapSnapshotConverter;

/**
 * Converts an HPROF dump into a heap snapshot, in this JVM or out of its way.
 *
 * @author v8heapsnapshot developers
 * @since 0.2.0
 * @see ChildJvmConverter
 */
public interface DumpConverter {

	/**
	 * Converts a dump.
	 * @param hprof the dump
	 * @param snapshot the snapshot to write
	 * @param options how to convert; its temporary directory is the caller's, deleted
	 * after the conversion
	 * @param listener told of the progress
	 * @param cancellation stops the conversion when cancelled
	 * @return what was written
	 * @throws IOException if the dump cannot be converted, or the conversion was cancelled
	 * or interrupted ({@link io.github.v8heapsnapshot.cancel.CancelledException})
	 */
	ConversionResult convert(Path hprof, Path snapshot, ConversionOptions options, ConversionListener listener,
			Cancellation cancellation) throws IOException;

	/**
	 * Whether the conversion runs in this JVM's heap, which must then have room for it.
	 * @return {@code true} for a conversion in this JVM
	 */
	default boolean usesApplicationHeap() {
		return true;
	}

	/**
	 * Returns the converter that runs in the calling thread of this JVM, with as many
	 * threads as the options allow.
	 * @return the in-process converter
	 */
	static DumpConverter inProcess() {
		return (hprof, snapshot, options, listener, cancellation) -> new HeapSnapshotConverter(options)
			.convert(hprof, snapshot, listener, cancellation);
	}

}

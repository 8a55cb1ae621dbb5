package io.github.v8heapsnapshot.boot.snapshot;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Strategy that dumps the heap of the running JVM to an HPROF file.
 *
 * @author v8heapsnapshot developers
 * @since 0.1.0
 * @see HotSpotHeapDumper
 */
@FunctionalInterface
public interface HeapDumper {

	/**
	 * Dumps the heap.
	 * @param file the file to write, which must not exist
	 * @param live whether to dump only live objects, after a full garbage collection
	 * @throws IOException if the dump cannot be written
	 * @throws HeapDumperUnavailableException if this JVM cannot dump its heap
	 */
	void dumpHeap(Path file, boolean live) throws IOException;

}

package io.github.v8heapsnapshot.convert;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;

import io.github.v8heapsnapshot.index.LongIntMap;
import io.github.v8heapsnapshot.index.ObjectIdIndex;
import io.github.v8heapsnapshot.layout.ObjectLayout;

/**
 * What every link worker shares: the classes, the object index, the node numbering and the
 * threads whose stack locals become edges. Closing it closes the object index.
 *
 * <p>Node numbering before folding ("raw ordinals"): the classes in CLASS_DUMP order, then
 * the objects in file order.
 *
 * @author v8heapsnapshot developers
 * @since 0.1.0
 */
final class LinkContext implements Closeable {

	final HeapModel heap;

	final ClassTable classes;

	final ObjectIdIndex objects;

	final ObjectLayout layout;

	final Path directory;

	final int classCount;

	final long nodeCount;

	final int textBytes;

	final LongIntMap threadsByObject;

	final int[][] localNames;

	final long[][] localTargets;

	final long[] threadNameStrings;

	/** Whether to keep what masking secrets needs: map entries and the values of Strings. */
	final boolean secrets;

	LinkContext(HeapModel heap, ClassTable classes, ObjectLayout layout, Path directory, int stringLimit,
			LongIntMap threadsByObject, int[][] localNames, long[][] localTargets, boolean secrets) {
		this.heap = heap;
		this.classes = classes;
		this.objects = heap.objects;
		this.layout = layout;
		this.directory = directory;
		this.classCount = classes.size();
		this.nodeCount = this.classCount + this.objects.count();
		// Bytes of each byte or char array kept to name Strings: two per character, at most 1 MiB
		this.textBytes = (int) Math.min(1 << 20, 2L * stringLimit);
		this.threadsByObject = threadsByObject;
		this.localNames = localNames;
		this.localTargets = localTargets;
		this.secrets = secrets;
		this.threadNameStrings = new long[localNames.length];
		Arrays.fill(this.threadNameStrings, -1);
	}

	/**
	 * Returns the raw ordinal of an object or class id.
	 * @param id the id
	 * @return the ordinal, or -1 for null and for ids the dump does not contain
	 */
	long resolve(long id) {
		if (id == 0) {
			return -1;
		}
		long object = this.objects.lookup(id);
		if (object >= 0) {
			return this.classCount + object;
		}
		return this.classes.indexOf(id);
	}

	/**
	 * Returns the raw ordinal of the first object of a heap dump segment.
	 * @param segment the segment
	 * @return the ordinal
	 */
	long firstOrdinal(int segment) {
		return this.classCount + this.heap.segmentFirstObject(segment);
	}

	@Override
	public void close() throws IOException {
		this.objects.close();
	}

}

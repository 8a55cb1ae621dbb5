package io.github.v8heapsnapshot.convert;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;

import io.github.v8heapsnapshot.index.MappedBuffer;

/**
 * What one link worker produced for its range of raw ordinals: the records of its nodes,
 * their edges and strong edges, the kept prefixes of its text arrays, the map entries and
 * Strings that masking secrets needs, and the flags of every node that it references.
 *
 * @author v8heapsnapshot developers
 * @since 0.2.0
 */
final class LinkedRange implements Closeable {

	private final long firstOrdinal;

	private final MappedBuffer flags;

	private final NodeRecords nodes;

	private final EdgeRecords edges;

	private final StrongEdges strong;

	private final TextRecords text;

	private final EntryRecords entries;

	private final StringRecords strings;

	private LinkedRange(long firstOrdinal, MappedBuffer flags, Path directory, int worker, int textLimit,
			Closer closer) throws IOException {
		this.firstOrdinal = firstOrdinal;
		this.flags = flags;
		this.nodes = closer.add(new NodeRecords(directory.resolve("nodes-" + worker)));
		this.edges = closer.add(new EdgeRecords(directory.resolve("edges-" + worker)));
		this.strong = closer.add(new StrongEdges(directory.resolve("targets-" + worker),
				directory.resolve("strong-ends-" + worker)));
		this.text = closer.add(new TextRecords(directory, Integer.toString(worker), textLimit));
		this.entries = closer.add(new EntryRecords(directory.resolve("entries-" + worker)));
		this.strings = closer.add(new StringRecords(directory.resolve("strings-" + worker)));
	}

	/**
	 * Creates the files of a worker.
	 * @param context what the workers share
	 * @param worker the worker's number
	 * @param firstOrdinal the raw ordinal of the worker's first node
	 * @return the range, its records open for writing
	 */
	static LinkedRange create(LinkContext context, int worker, long firstOrdinal) throws IOException {
		Closer closer = new Closer();
		try {
			long flagBytes = Math.max(1, context.nodeCount);
			MappedBuffer flags = closer.add(MappedBuffer.create(context.directory, "flags", flagBytes));
			return new LinkedRange(firstOrdinal, flags, context.directory, worker, context.textBytes, closer);
		}
		catch (IOException | RuntimeException ex) {
			closer.close();
			throw ex;
		}
	}

	/**
	 * Flushes the records and maps the kept prefixes.
	 */
	void finish() throws IOException {
		closeRecords();
		this.text.finish();
	}

	long firstOrdinal() {
		return this.firstOrdinal;
	}

	/**
	 * Returns the flags, one byte per raw ordinal of the whole graph.
	 * @return the flags
	 */
	MappedBuffer flags() {
		return this.flags;
	}

	NodeRecords nodes() {
		return this.nodes;
	}

	EdgeRecords edges() {
		return this.edges;
	}

	StrongEdges strong() {
		return this.strong;
	}

	TextRecords text() {
		return this.text;
	}

	EntryRecords entries() {
		return this.entries;
	}

	StringRecords strings() {
		return this.strings;
	}

	@Override
	public void close() throws IOException {
		try {
			closeRecords();
		}
		finally {
			Closer.closeAll(this.text, this.flags);
		}
	}

	private void closeRecords() throws IOException {
		Closer.closeAll(this.nodes, this.edges, this.strong, this.entries, this.strings);
	}

}

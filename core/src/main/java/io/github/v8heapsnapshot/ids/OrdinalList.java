package io.github.v8heapsnapshot.ids;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A growing list of node ordinals off the Java heap, also used as a stack.
 *
 * @author v8heapsnapshot developers
 * @since 0.2.0
 */
final class OrdinalList extends AppendedRecords {

	OrdinalList(Path directory, String name) throws IOException {
		super(directory, name, 4);
	}

	void add(long ordinal) throws IOException {
		this.records.putInt(append(), (int) ordinal);
	}

	long get(long index) {
		return Integer.toUnsignedLong(this.records.getInt(index * 4));
	}

	long pop() {
		return Integer.toUnsignedLong(this.records.getInt(removeLast()));
	}

}

package io.github.v8heapsnapshot.ids;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;

import io.github.v8heapsnapshot.index.MappedBuffer;

/**
 * What {@link ObjectIds} knows of each node of a snapshot, by ordinal: its class key, its
 * content key, its place key and its id, side by side in one record of 16 bytes, so that
 * reading a node that a reference leads to touches one cache line and one page.
 *
 * @author v8heapsnapshot developers
 * @since 0.2.0
 */
final class NodeKeys implements Closeable {

	private static final int RECORD = 16;

	private static final int CONTENT = 4;

	private static final int PLACE = 8;

	private static final int ID = 12;

	private final MappedBuffer records;

	private final long count;

	NodeKeys(Path directory, long count) throws IOException {
		this.records = MappedBuffer.create(directory, "node-keys", Math.max(1, count) * RECORD);
		this.count = count;
	}

	long count() {
		return this.count;
	}

	int classKey(long ordinal) {
		return this.records.getInt(ordinal * RECORD);
	}

	void classKey(long ordinal, int classKey) {
		this.records.putInt(ordinal * RECORD, classKey);
	}

	int content(long ordinal) {
		return this.records.getInt(ordinal * RECORD + CONTENT);
	}

	void content(long ordinal, int content) {
		this.records.putInt(ordinal * RECORD + CONTENT, content);
	}

	int place(long ordinal) {
		return this.records.getInt(ordinal * RECORD + PLACE);
	}

	void place(long ordinal, int place) {
		this.records.putInt(ordinal * RECORD + PLACE, place);
	}

	long id(long ordinal) {
		return Integer.toUnsignedLong(this.records.getInt(ordinal * RECORD + ID));
	}

	void id(long ordinal, long id) {
		this.records.putInt(ordinal * RECORD + ID, (int) id);
	}

	@Override
	public void close() throws IOException {
		this.records.close();
	}

}

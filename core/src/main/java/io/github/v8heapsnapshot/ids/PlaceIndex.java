package io.github.v8heapsnapshot.ids;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;

import io.github.v8heapsnapshot.index.MappedBuffer;

/**
 * The ids of the previous snapshot that no object at the same address took, by place key,
 * off the Java heap. A key that two of them share matches neither; an id is handed out
 * once.
 *
 * @author v8heapsnapshot developers
 * @since 0.2.0
 */
final class PlaceIndex implements Closeable {

	private final MappedBuffer slots;

	private final long mask;

	PlaceIndex(Path directory, long expected) throws IOException {
		long capacity = 16;
		while (capacity < 2 * expected) {
			capacity *= 2;
		}
		this.slots = MappedBuffer.create(directory, "places", capacity * 8);
		this.mask = capacity - 1;
	}

	void add(int place, long id) {
		long slot = slot(place);
		long entry = this.slots.getLong(slot * 8);
		// A shared key: keep it, so that lookups stop here, but without an id
		this.slots.putLong(slot * 8, ((long) place << 32) | ((entry == 0) ? id : 0));
	}

	/**
	 * Tells whether one id alone was added under a key, without handing it out.
	 * @return whether the key is held by one id
	 */
	boolean isUnique(int place) {
		return (this.slots.getLong(slot(place) * 8) & 0xFFFFFFFFL) != 0;
	}

	/**
	 * Hands out the id kept under a key.
	 * @return the id, or 0 if there is none or it was handed out before
	 */
	long take(int place) {
		long slot = slot(place);
		long entry = this.slots.getLong(slot * 8);
		if (entry == 0) {
			return 0;
		}
		this.slots.putLong(slot * 8, entry & 0xFFFFFFFF00000000L);
		return entry & 0xFFFFFFFFL;
	}

	private long slot(int place) {
		long slot = ((place * 0x9E3779B97F4A7C15L) >>> 20) & this.mask;
		while (true) {
			long entry = this.slots.getLong(slot * 8);
			if (entry == 0 || (int) (entry >>> 32) == place) {
				return slot;
			}
			slot = (slot + 1) & this.mask;
		}
	}

	@Override
	public void close() throws IOException {
		this.slots.close();
	}

}

package io.github.v8heapsnapshot.index;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * Maps object ids (addresses) to the order in which the objects were added, off the Java
 * heap. Ids are appended once each; {@link #finish()} sorts them if they did not come in
 * ascending order (ZGC, parallel dumps) and builds a page table over the id range, so a
 * lookup is one table read and a short binary search within a page.
 *
 * @author v8heapsnapshot developers
 * @since 0.1.0
 */
public final class ObjectIdIndex implements Closeable {

	private static final int INSERTION_SORT_LIMIT = 24;

	private final Path directory;

	private @Nullable MappedBuffer ids;

	private @Nullable MappedBuffer compact;

	private long lowBits;

	private @Nullable MappedBuffer ordinals;

	private @Nullable MappedBuffer pages;

	private long count;

	private long last;

	private boolean ascending = true;

	private long min;

	private long max;

	private int shift;

	/**
	 * Creates an empty index.
	 * @param directory where the index files go
	 * @param expectedCount how many ids to make room for at first
	 * @throws IOException if the files cannot be created
	 */
	public ObjectIdIndex(Path directory, long expectedCount) throws IOException {
		this.directory = directory;
		this.compact = MappedBuffer.create(directory, "ids", Math.max(1, expectedCount) * 4);
	}

	/**
	 * Appends an id; its ordinal is the number of ids appended before it.
	 * @param id the id, not 0
	 * @throws IOException if the index cannot grow
	 */
	public void add(long id) throws IOException {
		if (this.count == 0) {
			this.min = id;
		}
		MappedBuffer ints = this.compact;
		if (ints != null) {
			long delta = id - this.min;
			if (delta >= 0 && (delta & 7) == 0 && (delta >>> 3) <= 0xFFFFFFFFL) {
				long offset = this.count * 4;
				if (offset + 4 > ints.capacity()) {
					ints.ensureCapacity(offset + 4);
				}
				ints.putInt(offset, (int) (delta >>> 3));
			}
			else {
				expand();
			}
		}
		if (this.compact == null) {
			long offset = this.count * 8;
			MappedBuffer longs = longIds();
			if (offset + 8 > longs.capacity()) {
				longs.ensureCapacity(offset + 8);
			}
			longs.putLong(offset, id);
		}
		if (Long.compareUnsigned(id, this.last) <= 0) {
			this.ascending = false;
		}
		this.last = id;
		this.lowBits |= id;
		this.count++;
	}

	/**
	 * Returns the directory of the index files.
	 * @return the directory
	 */
	public Path directory() {
		return this.directory;
	}

	/**
	 * Appends this index's ids, in the order they were added, to another index; this index
	 * must not be finished.
	 * @param target the index to append to
	 * @throws IOException if the target cannot grow
	 */
	public void appendTo(ObjectIdIndex target) throws IOException {
		for (long i = 0; i < this.count; i++) {
			target.add(id(i));
		}
	}

	/**
	 * Returns the number of ids.
	 * @return the count
	 */
	public long count() {
		return this.count;
	}

	/**
	 * Returns whether the ids were added in strictly ascending order.
	 * @return {@code true} if no sort was needed
	 */
	public boolean ascending() {
		return this.ascending;
	}

	/**
	 * Prepares lookups; no ids may be added afterwards.
	 * @throws IOException if the index files cannot be written
	 */
	public void finish() throws IOException {
		if (this.compact != null) {
			if (this.ascending) {
				// Stored relative to the first id, which is the smallest
				buildPages();
				return;
			}
			expand();
		}
		if (!this.ascending) {
			this.ordinals = MappedBuffer.create(this.directory, "ordinals", Math.max(1, this.count) * 4);
			for (long i = 0; i < this.count; i++) {
				this.ordinals.putInt(i * 4, (int) i);
			}
			sort(0, this.count - 1);
		}
		buildPages();
		compact();
	}

	/**
	 * Turns the ids stored as 32-bit offsets from the first id into plain 64-bit ids, for
	 * ids that do not fit that form or need sorting.
	 */
	private void expand() throws IOException {
		MappedBuffer ints = Objects.requireNonNull(this.compact, "compact");
		MappedBuffer longs = MappedBuffer.create(this.directory, "ids", Math.max(1, ints.capacity() / 4) * 8);
		for (long i = 0; i < this.count; i++) {
			longs.putLong(i * 8, this.min + (Integer.toUnsignedLong(ints.getInt(i * 4)) << 3));
		}
		ints.close();
		this.compact = null;
		this.ids = longs;
	}

	/**
	 * Halves the index when every id fits in 32 bits once the minimum is subtracted and the
	 * alignment shifted out, as in any heap under 32 GB.
	 */
	private void compact() throws IOException {
		if (this.count == 0 || Long.numberOfTrailingZeros(this.lowBits) < 3
				|| ((this.max - this.min) >>> 3) > 0xFFFFFFFFL) {
			return;
		}
		MappedBuffer longs = longIds();
		MappedBuffer ints = MappedBuffer.create(this.directory, "ids", this.count * 4);
		for (long i = 0; i < this.count; i++) {
			ints.putInt(i * 4, (int) ((longs.getLong(i * 8) - this.min) >>> 3));
		}
		longs.close();
		this.ids = null;
		this.compact = ints;
	}

	private void buildPages() throws IOException {
		if (this.count == 0) {
			this.min = 1;
			this.max = 0;
			return;
		}
		this.min = id(0);
		this.max = id(this.count - 1);
		long range = this.max - this.min;
		long wanted = Math.max(1, this.count / 2);
		int pageShift = 3;
		while ((range >>> pageShift) + 1 > wanted) {
			pageShift++;
		}
		this.shift = pageShift;
		long pageCount = (range >>> pageShift) + 1;
		this.pages = MappedBuffer.create(this.directory, "pages", (pageCount + 1) * 4);
		long page = 0;
		for (long i = 0; i < this.count; i++) {
			long idPage = (id(i) - this.min) >>> pageShift;
			while (page <= idPage) {
				this.pages.putInt(page * 4, (int) i);
				page++;
			}
		}
		while (page <= pageCount) {
			this.pages.putInt(page * 4, (int) this.count);
			page++;
		}
	}

	/**
	 * Returns the ordinal of an id.
	 * @param id the id
	 * @return the number of ids added before it, or -1 if it was never added
	 */
	public long lookup(long id) {
		if (id < this.min || id > this.max) {
			return -1;
		}
		long page = (id - this.min) >>> this.shift;
		MappedBuffer pages = Objects.requireNonNull(this.pages, "pages");
		int low = pages.getInt(page * 4);
		int high = pages.getInt(page * 4 + 4) - 1;
		MappedBuffer ints = this.compact;
		if (ints != null) {
			if ((id & 7) != 0) {
				return -1;
			}
			int key = (int) ((id - this.min) >>> 3) ^ Integer.MIN_VALUE;
			while (low <= high) {
				int middle = (low + high) >>> 1;
				int found = ints.getInt((long) middle * 4) ^ Integer.MIN_VALUE;
				if (found < key) {
					low = middle + 1;
				}
				else if (found > key) {
					high = middle - 1;
				}
				else {
					return sortedOrdinal(middle);
				}
			}
			return -1;
		}
		MappedBuffer sorted = longIds();
		while (low <= high) {
			int middle = (low + high) >>> 1;
			long found = sorted.getLong((long) middle * 8);
			if (found < id) {
				low = middle + 1;
			}
			else if (found > id) {
				high = middle - 1;
			}
			else {
				return sortedOrdinal(middle);
			}
		}
		return -1;
	}

	/**
	 * Returns an id by its position in ascending order; the index must be finished.
	 * @param position from 0 to {@link #count()} - 1
	 * @return the id
	 */
	public long sortedId(long position) {
		return id(position);
	}

	/**
	 * Returns the ordinal of the id at a position in ascending order; the index must be
	 * finished.
	 * @param position from 0 to {@link #count()} - 1
	 * @return the number of ids added before that id
	 */
	public long sortedOrdinal(long position) {
		return (this.ordinals != null) ? this.ordinals.getInt(position * 4) : position;
	}

	private void sort(long from, long to) {
		while (to - from > INSERTION_SORT_LIMIT) {
			long middle = from + ((to - from) >>> 1);
			if (id(middle) < id(from)) {
				swap(middle, from);
			}
			if (id(to) < id(from)) {
				swap(to, from);
			}
			if (id(to) < id(middle)) {
				swap(to, middle);
			}
			long pivot = id(middle);
			long i = from;
			long j = to;
			while (i <= j) {
				while (id(i) < pivot) {
					i++;
				}
				while (id(j) > pivot) {
					j--;
				}
				if (i <= j) {
					swap(i, j);
					i++;
					j--;
				}
			}
			if (j - from < to - i) {
				sort(from, j);
				from = i;
			}
			else {
				sort(i, to);
				to = j;
			}
		}
		for (long i = from + 1; i <= to; i++) {
			for (long j = i; j > from && id(j) < id(j - 1); j--) {
				swap(j, j - 1);
			}
		}
	}

	private long id(long index) {
		MappedBuffer ints = this.compact;
		if (ints != null) {
			return this.min + (Integer.toUnsignedLong(ints.getInt(index * 4)) << 3);
		}
		return longIds().getLong(index * 8);
	}

	// The ids are kept either as 64-bit values or, once compacted, as 32-bit offsets
	private MappedBuffer longIds() {
		return Objects.requireNonNull(this.ids, "ids");
	}

	private void swap(long a, long b) {
		MappedBuffer ids = longIds();
		MappedBuffer ordinals = Objects.requireNonNull(this.ordinals, "ordinals");
		long id = ids.getLong(a * 8);
		ids.putLong(a * 8, ids.getLong(b * 8));
		ids.putLong(b * 8, id);
		int ordinal = ordinals.getInt(a * 4);
		ordinals.putInt(a * 4, ordinals.getInt(b * 4));
		ordinals.putInt(b * 4, ordinal);
	}

	/**
	 * Deletes the index files.
	 * @throws IOException if a file cannot be deleted
	 */
	@Override
	public void close() throws IOException {
		try (MappedBuffer ids = this.ids; MappedBuffer compact = this.compact; MappedBuffer ordinals = this.ordinals;
				MappedBuffer pages = this.pages) {
			// closed by the try
		}
	}

}

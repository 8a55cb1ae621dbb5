package io.github.v8heapsnapshot.convert;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.function.Predicate;

import io.github.v8heapsnapshot.index.LongIntMap;
import io.github.v8heapsnapshot.index.MappedBuffer;

/**
 * Finds the String values that {@code Redaction.SECRETS} masks. Fields with sensitive names
 * were flagged while linking; here the map entries (HashMap, LinkedHashMap,
 * ConcurrentHashMap, TreeMap, Hashtable, so also {@code Properties}) whose key String has a
 * sensitive name flag their value, and the content hashes of all flagged values are
 * collected so that an equal value held elsewhere is masked too.
 *
 * @author v8heapsnapshot developers
 * @since 0.1.0
 */
final class Secrets {

	private static final int STRING_RECORD = 12;

	private Secrets() {
	}

	/**
	 * Flags the values of sensitive map entries and returns the hashes of every flagged
	 * value.
	 * @return a set of {@link ValueNamer#hash} values, as map keys
	 */
	static LongIntMap find(LinkPass[] workers, MappedBuffer flags, StringValues values,
			Predicate<String> sensitiveName) throws IOException {
		MappedBuffer[] strings = new MappedBuffer[workers.length];
		try {
			for (int i = 0; i < workers.length; i++) {
				strings[i] = MappedBuffer.openReadOnly(workers[i].strings.file());
			}
			for (LinkPass worker : workers) {
				try (BinaryInput in = new BinaryInput(worker.entries.file(), 1 << 16)) {
					ByteBuffer buffer = in.buffer();
					while (in.ensure(3)) {
						long key = Integer.toUnsignedLong(buffer.getInt());
						long value = Integer.toUnsignedLong(buffer.getInt());
						buffer.getInt();
						if (load(strings, workers, key, values)
								&& sensitiveName.test(new String(values.chars, 0, values.length))) {
							flags.putByte(value, (byte) (flags.getByte(value) | NodeFlags.SENSITIVE));
						}
					}
				}
			}
			LongIntMap hashes = new LongIntMap();
			for (MappedBuffer records : strings) {
				for (long at = 0; at + STRING_RECORD <= records.capacity(); at += STRING_RECORD) {
					long string = Integer.toUnsignedLong(records.getInt(at));
					if ((flags.getByte(string) & NodeFlags.SENSITIVE) != 0 && records.getInt(at + 4) >= 0
							&& values.load(records.getInt(at + 4), records.getInt(at + 8))) {
						hashes.put(ValueNamer.hash(values.chars, values.length), 1);
					}
				}
			}
			return hashes;
		}
		finally {
			for (MappedBuffer buffer : strings) {
				if (buffer != null) {
					buffer.close();
				}
			}
		}
	}

	private static boolean load(MappedBuffer[] strings, LinkPass[] workers, long string, StringValues values) {
		int worker = workers.length - 1;
		while (worker > 0 && string < workers[worker].firstOrdinal) {
			worker--;
		}
		MappedBuffer records = strings[worker];
		long low = 0;
		long high = records.capacity() / STRING_RECORD - 1;
		while (low <= high) {
			long middle = (low + high) >>> 1;
			long found = Integer.toUnsignedLong(records.getInt(middle * STRING_RECORD));
			if (found < string) {
				low = middle + 1;
			}
			else if (found > string) {
				high = middle - 1;
			}
			else {
				int value = records.getInt(middle * STRING_RECORD + 4);
				return value >= 0 && values.load(value, records.getInt(middle * STRING_RECORD + 8));
			}
		}
		return false;
	}

}

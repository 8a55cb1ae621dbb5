package io.github.v8heapsnapshot.convert;

import java.io.IOException;
import java.util.List;
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

	private Secrets() {
	}

	/**
	 * Flags the values of sensitive map entries and returns the hashes of every flagged
	 * value.
	 * @return a set of {@link ValueNamer#hash} values, as map keys
	 */
	static LongIntMap find(LinkedGraph graph, StringValues values, Predicate<String> sensitiveName)
			throws IOException {
		MappedBuffer flags = graph.flags();
		List<LinkedRange> ranges = graph.ranges();
		StringRecords.Reader[] strings = new StringRecords.Reader[ranges.size()];
		try {
			for (int i = 0; i < strings.length; i++) {
				strings[i] = ranges.get(i).strings().reader();
			}
			for (LinkedRange range : ranges) {
				try (EntryRecords.Cursor entries = range.entries().cursor()) {
					while (entries.next()) {
						long key = entries.key();
						StringRecords.Reader records = strings[graph.owner(key)];
						if (load(records, records.find(key), values)
								&& sensitiveName.test(new String(values.chars, 0, values.length))) {
							flags.putByte(entries.value(),
									(byte) (flags.getByte(entries.value()) | NodeFlags.SENSITIVE));
						}
					}
				}
			}
			LongIntMap hashes = new LongIntMap();
			for (StringRecords.Reader records : strings) {
				for (long i = 0; i < records.count(); i++) {
					if ((flags.getByte(records.string(i)) & NodeFlags.SENSITIVE) != 0 && load(records, i, values)) {
						hashes.put(ValueNamer.hash(values.chars, values.length), 1);
					}
				}
			}
			return hashes;
		}
		finally {
			Closer.closeAll(strings);
		}
	}

	private static boolean load(StringRecords.Reader records, long index, StringValues values) {
		return index >= 0 && records.valueArray(index) >= 0
				&& values.load(records.valueArray(index), records.coder(index));
	}

}

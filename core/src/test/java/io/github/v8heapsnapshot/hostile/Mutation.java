package io.github.v8heapsnapshot.hostile;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.Random;

import io.github.v8heapsnapshot.hostile.HprofMap.Record;
import io.github.v8heapsnapshot.hostile.HprofMap.SubRecord;

/**
 * The ways the fuzz test damages a real dump. Each draws everything it does from the given
 * {@link Random}, so a seed replays the same damage.
 *
 * @author v8heapsnapshot developers
 */
enum Mutation {

	/**
	 * Flips a few bits, mostly inside the heap segments.
	 */
	BIT_FLIPS {

		@Override
		byte[] apply(HprofMap map, Random random) {
			Record segment = segment(map, random);
			return map.damaged((bytes) -> {
				for (int flips = 1 + random.nextInt(8); flips > 0; flips--) {
					int offset = random.nextBoolean() ? segment.body() + random.nextInt(segment.length())
							: random.nextInt(bytes.capacity());
					bytes.put(offset, (byte) (bytes.get(offset) ^ (1 << random.nextInt(8))));
				}
			});
		}

	},

	/**
	 * Changes the length of a top-level record.
	 */
	RECORD_LENGTH {

		@Override
		byte[] apply(HprofMap map, Random random) {
			List<Record> records = map.records();
			Record record = random.nextInt(3) == 0 ? segment(map, random) : records.get(random.nextInt(records.size()));
			return map.damaged((bytes) -> bytes.putInt(record.offset() + 5, otherInt(record.length(), random)));
		}

	},

	/**
	 * Changes the length of an array or the field bytes of an instance.
	 */
	SUB_RECORD_LENGTH {

		@Override
		byte[] apply(HprofMap map, Random random) {
			SubRecord sub = subRecord(map, random, HprofMap.INSTANCE_DUMP, HprofMap.OBJ_ARRAY_DUMP,
					HprofMap.PRIM_ARRAY_DUMP);
			int offset = map.afterIdAndSerial(sub) + ((sub.tag() == HprofMap.INSTANCE_DUMP) ? map.idSize() : 0);
			return map.damaged((bytes) -> bytes.putInt(offset, otherInt(bytes.getInt(offset), random)));
		}

	},

	/**
	 * Points the class of an instance, the superclass of a class, or the first element (the
	 * class of an empty array) at another id of the dump, or at one that is not there.
	 */
	ID_SWAP {

		@Override
		byte[] apply(HprofMap map, Random random) {
			SubRecord sub = subRecord(map, random, HprofMap.INSTANCE_DUMP, HprofMap.CLASS_DUMP, HprofMap.OBJ_ARRAY_DUMP);
			int offset = switch (sub.tag()) {
				case HprofMap.OBJ_ARRAY_DUMP -> map.firstElement(sub) - ((map.length(sub) > 0) ? 0 : map.idSize());
				default -> map.afterIdAndSerial(sub);
			};
			List<SubRecord> all = map.subRecords();
			long id = random.nextBoolean() ? map.id(all.get(random.nextInt(all.size())).offset() + 1)
					: random.nextLong() & ~7L;
			return map.damaged((bytes) -> bytes.putLong(offset, id));
		}

	},

	/**
	 * Deletes a run of bytes, sometimes whole records or sub-records.
	 */
	DELETION {

		@Override
		byte[] apply(HprofMap map, Random random) {
			int[] range = range(map, random);
			byte[] original = map.content();
			ByteBuffer copy = ByteBuffer.allocate(original.length - (range[1] - range[0]));
			copy.put(original, 0, range[0]).put(original, range[1], original.length - range[1]);
			return copy.array();
		}

	},

	/**
	 * Repeats a run of bytes, sometimes whole records or sub-records.
	 */
	DUPLICATION {

		@Override
		byte[] apply(HprofMap map, Random random) {
			int[] range = range(map, random);
			byte[] original = map.content();
			ByteBuffer copy = ByteBuffer.allocate(original.length + (range[1] - range[0]));
			copy.put(original, 0, range[1]).put(original, range[0], original.length - range[0]);
			return copy.array();
		}

	};

	/**
	 * Returns a damaged copy of the dump.
	 * @param map the dump
	 * @param random where every choice comes from
	 * @return the damaged copy
	 */
	abstract byte[] apply(HprofMap map, Random random);

	private static Record segment(HprofMap map, Random random) {
		List<Record> segments = map.records()
			.stream()
			.filter((record) -> record.tag() == HprofMap.TAG_HEAP_DUMP_SEGMENT)
			.toList();
		return segments.get(random.nextInt(segments.size()));
	}

	private static SubRecord subRecord(HprofMap map, Random random, int... tags) {
		List<SubRecord> ofTag = map.subRecords(tags[random.nextInt(tags.length)]);
		return ofTag.get(random.nextInt(ofTag.size()));
	}

	private static int otherInt(int value, Random random) {
		return switch (random.nextInt(4)) {
			case 0 -> value + 1 + random.nextInt(16);
			case 1 -> value - 1 - random.nextInt(16);
			case 2 -> value ^ (1 << random.nextInt(32));
			default -> random.nextInt();
		};
	}

	/**
	 * Returns a range of bytes: whole records, whole sub-records, or any run of up to 4 KiB.
	 */
	private static int[] range(HprofMap map, Random random) {
		switch (random.nextInt(3)) {
			case 0 -> {
				List<Record> records = map.records();
				int first = random.nextInt(records.size());
				int last = Math.min(records.size() - 1, first + random.nextInt(3));
				return new int[] { records.get(first).offset(), records.get(last).end() };
			}
			case 1 -> {
				List<SubRecord> subs = map.subRecords();
				int first = random.nextInt(subs.size());
				int last = Math.min(subs.size() - 1, first + random.nextInt(3));
				return new int[] { subs.get(first).offset(), subs.get(last).end() };
			}
			default -> {
				int start = random.nextInt(map.length() - 1);
				return new int[] { start, Math.min(map.length(), start + 1 + random.nextInt(4096)) };
			}
		}
	}

}

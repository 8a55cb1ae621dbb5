package io.github.v8heapsnapshot.hostile;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;

import io.github.v8heapsnapshot.hostile.HprofMap.Record;
import io.github.v8heapsnapshot.hostile.HprofMap.SubRecord;
import io.github.v8heapsnapshot.hprof.HprofFormatException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A real dump cut short at record boundaries and inside records and sub-records is refused
 * with the offset where the data ran out, and leaves nothing behind.
 *
 * @author v8heapsnapshot developers
 */
@Timeout(value = 30, unit = TimeUnit.MINUTES)
class TruncatedDumpTests {

	/**
	 * How many record boundaries of each kind (and how many positions inside records and
	 * sub-records of each kind) are tried; {@code -Dv8heapsnapshot.hostile.cuts=0} tries
	 * every top-level record boundary.
	 */
	private static final int CUTS = Integer.getInteger("v8heapsnapshot.hostile.cuts", 12);

	@TempDir
	static Path directory;

	static byte[] dump;

	static HprofMap map;

	private static int refused;

	private final Random random = new Random(6);

	@BeforeAll
	static void dumpSmallHeap() throws Exception {
		Path hprof = directory.resolve("small.hprof");
		ChildJvm.dumpSmallHeap(hprof, null);
		dump = Files.readAllBytes(hprof);
		map = HprofMap.of(dump);
	}

	@AfterAll
	static void reportRefused() {
		System.out.printf("Refused %d truncated copies of a %d-byte dump of %d records%n", refused, dump.length,
				map.records().size());
	}

	@Test
	void completeDumpConverts() throws IOException {
		Path hprof = directory.resolve("complete.hprof");
		Files.write(hprof, dump);
		assertThat(new Attempts(directory.resolve("complete")).convert(hprof).converted().nodeCount())
			.isGreaterThan(map.subRecords().size() / 2);
	}

	@Test
	void cutInsideTheHeader() throws IOException {
		for (int length : new int[] { 1, 5, 18, 19, 21, HprofMap.HEADER_LENGTH - 1 }) {
			assertRefusedWhenCutAt(length);
		}
	}

	@Test
	void cutAtRecordBoundaries() throws IOException {
		List<Record> records = map.records();
		TreeSet<Integer> cuts = new TreeSet<>();
		if (CUTS > 0) {
			for (int i = 1; i < records.size(); i++) {
				if (records.get(i).tag() != records.get(i - 1).tag()) {
					cuts.add(records.get(i - 1).offset());
					cuts.add(records.get(i).offset());
				}
			}
			int step = Math.max(1, records.size() / (CUTS * 4));
			for (int i = 0; i < records.size(); i += step) {
				cuts.add(records.get(i).offset());
			}
			cuts.add(map.lastRecord().offset());
		}
		else {
			records.forEach((record) -> cuts.add(record.offset()));
		}
		for (int cut : cuts) {
			assertRefusedWhenCutAt(cut);
		}
	}

	@Test
	void cutInsideRecords() throws IOException {
		for (int tag : map.records().stream().mapToInt(Record::tag).distinct().toArray()) {
			List<Record> ofTag = map.records().stream().filter((record) -> record.tag() == tag).toList();
			for (int i = 0; i < Math.min(CUTS, ofTag.size()); i++) {
				Record record = ofTag.get(this.random.nextInt(ofTag.size()));
				assertRefusedWhenCutAt(record.offset() + 1 + this.random.nextInt(8));
				if (record.length() > 0) {
					assertRefusedWhenCutAt(record.body() + this.random.nextInt(record.length()));
				}
			}
		}
	}

	@Test
	void cutAtAndInsideSubRecords() throws IOException {
		for (int tag : map.subRecords().stream().mapToInt(SubRecord::tag).distinct().toArray()) {
			List<SubRecord> ofTag = map.subRecords(tag);
			for (int i = 0; i < Math.min(CUTS, ofTag.size()); i++) {
				SubRecord sub = ofTag.get(this.random.nextInt(ofTag.size()));
				assertRefusedWhenCutAt(sub.offset());
				assertRefusedWhenCutAt(sub.offset() + 1 + this.random.nextInt(sub.end() - sub.offset() - 1));
			}
		}
	}

	private void assertRefusedWhenCutAt(int length) throws IOException {
		Path hprof = directory.resolve("cut-at-" + length + ".hprof");
		Files.write(hprof, Arrays.copyOf(dump, length));
		try {
			HprofFormatException rejection = new Attempts(directory.resolve("attempts-" + length)).convert(hprof)
				.rejection();
			int lastRecordStarted = map.records()
				.stream()
				.mapToInt(Record::offset)
				.filter((offset) -> offset < length)
				.max()
				.orElse(0);
			assertThat(rejection.offset()).as("offset named for a cut at %d: %s", length, rejection.getMessage())
				.isBetween((long) lastRecordStarted, (long) length);
			refused++;
		}
		finally {
			Files.delete(hprof);
		}
	}

}

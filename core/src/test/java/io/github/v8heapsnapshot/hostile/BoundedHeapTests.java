package io.github.v8heapsnapshot.hostile;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import io.github.v8heapsnapshot.hostile.HprofMap.Record;
import io.github.v8heapsnapshot.hostile.HprofMap.SubRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The inputs most likely to make a reader allocate what a length field claims are
 * converted or refused in a child JVM whose heap is the engine's budget of 64 MB, without
 * an {@link OutOfMemoryError} and without leftovers.
 *
 * @author v8heapsnapshot developers
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class BoundedHeapTests {

	@TempDir
	Path directory;

	@Test
	void worstInputsStayWithinTheHeapBudget() throws Exception {
		Path small = this.directory.resolve("small.hprof");
		ChildJvm.dumpSmallHeap(small, null);
		Path chain = this.directory.resolve("chain.hprof");
		ChildJvm.dumpSmallHeap(chain, null, 600_000);
		HprofMap map = HprofMap.of(Files.readAllBytes(small));
		Record utf8 = map.records().get(map.records().size() / 2);
		Record lastSegment = map.records().get(map.records().size() - 2);
		SubRecord primitiveArray = map.subRecords(HprofMap.PRIM_ARRAY_DUMP).get(40);
		SubRecord objectArray = map.subRecords(HprofMap.OBJ_ARRAY_DUMP).get(40);
		SubRecord instance = map.subRecords(HprofMap.INSTANCE_DUMP).get(40);
		Map<String, byte[]> damaged = new LinkedHashMap<>();
		damaged.put("utf8-length.hprof", map.damaged((bytes) -> bytes.putInt(utf8.offset() + 5, 0x7FFF_FFF0)));
		damaged.put("segment-length.hprof",
				map.damaged((bytes) -> bytes.putInt(lastSegment.offset() + 5, 0xFFFF_FFF0)));
		damaged.put("primitive-array-length.hprof",
				map.damaged((bytes) -> bytes.putInt(map.afterIdAndSerial(primitiveArray), Integer.MAX_VALUE)));
		damaged.put("object-array-length.hprof",
				map.damaged((bytes) -> bytes.putInt(map.afterIdAndSerial(objectArray), 0x0FFF_FFFF)));
		damaged.put("instance-length.hprof", map
			.damaged((bytes) -> bytes.putInt(map.afterIdAndSerial(instance) + map.idSize(), Integer.MAX_VALUE)));
		byte[] noise = new byte[8 << 20];
		new Random(6).nextBytes(noise);
		damaged.put("noise.hprof", noise);
		byte[] chainBytes = Files.readAllBytes(chain);
		damaged.put("chain-cut.hprof", Arrays.copyOf(chainBytes, chainBytes.length * 9 / 10));
		List<String> inputs = new ArrayList<>(List.of(small.toString(), chain.toString()));
		for (Map.Entry<String, byte[]> entry : damaged.entrySet()) {
			inputs.add(Files.write(this.directory.resolve(entry.getKey()), entry.getValue()).toString());
		}
		Path output = Files.createDirectories(this.directory.resolve("output"));
		inputs.add(0, output.toString());
		ChildJvm.Result result = ChildJvm.run(this.directory, 240, List.of("-Xmx64m"), ConvertingApplication.class,
				inputs.toArray(String[]::new));
		assertThat(result.stderr()).doesNotContain("OutOfMemoryError");
		assertThat(result.exitCode()).as(result.stderr()).isZero();
		List<String> expected = new ArrayList<>(List.of("converted small.hprof", "converted chain.hprof"));
		damaged.keySet().forEach((name) -> expected.add("refused " + name));
		assertThat(result.stdout().lines().map((line) -> line.substring(0, line.lastIndexOf(' '))))
			.containsExactlyElementsOf(expected);
		assertThat(result.tempLeftovers()).isEmpty();
		try (Stream<Path> files = Files.list(output)) {
			assertThat(files.map((file) -> file.getFileName().toString()))
				.containsExactlyInAnyOrder("small.hprof.heapsnapshot", "chain.hprof.heapsnapshot");
		}
	}

}

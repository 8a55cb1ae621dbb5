package io.github.v8heapsnapshot.v8;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.channels.Channels;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link StringTable}.
 *
 * @author v8heapsnapshot developers
 */
class StringTableTests {

	@TempDir
	Path directory;

	@Test
	void givesEqualStringsOneIndex() throws IOException {
		try (StringTable table = new StringTable(this.directory)) {
			assertThat(table.intern("")).isZero();
			assertThat(table.intern("(GC roots)")).isEqualTo(1);
			assertThat(table.intern("value")).isEqualTo(2);
			assertThat(table.intern("(GC roots)")).isEqualTo(1);
			assertThat(table.intern("")).isZero();
			assertThat(table.size()).isEqualTo(3);
			assertThat(written(table)).containsExactly("", "(GC roots)", "value");
		}
	}

	@Test
	void keepsManyStringsThroughGrowthAndPresizing() throws IOException {
		try (StringTable table = new StringTable(this.directory)) {
			List<String> expected = new ArrayList<>();
			for (int i = 0; i < 100_000; i++) {
				String value = (i % 3 == 0) ? "\"quoted\" " + i : "s" + i + "-é";
				assertThat(table.intern(value)).isEqualTo(i);
				expected.add(value);
				if (i == 50_000) {
					table.reserve(200_000);
				}
			}
			for (int i = 0; i < 100_000; i += 7) {
				assertThat(table.intern(expected.get(i))).isEqualTo(i);
			}
			assertThat(written(table)).isEqualTo(expected);
			assertThat(table.textLength()).isEqualTo(writtenText(table).length() - 2);
		}
	}

	@Test
	void tellsStringsThatShareAPrefixApart() throws IOException {
		try (StringTable table = new StringTable(this.directory)) {
			int a = table.intern("abc");
			int b = table.intern("abcd");
			int c = table.intern("ab");
			assertThat(Stream.of(a, b, c).distinct()).hasSize(3);
			assertThat(table.intern("abcd")).isEqualTo(b);
		}
	}

	@Test
	void deletesItsFilesWhenClosed() throws IOException {
		new StringTable(this.directory).close();
		try (Stream<Path> files = Files.list(this.directory)) {
			assertThat(files).isEmpty();
		}
	}

	private static List<String> written(StringTable table) throws IOException {
		return JsonMapper.builder().build().readValue(writtenText(table), new TypeReference<List<String>>() {
		});
	}

	private static String writtenText(StringTable table) throws IOException {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		table.writeTo(Channels.newChannel(bytes));
		return "[" + bytes.toString(StandardCharsets.US_ASCII) + "]";
	}

}

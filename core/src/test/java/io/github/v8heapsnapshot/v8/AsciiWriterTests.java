package io.github.v8heapsnapshot.v8;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.channels.Channels;
import java.nio.charset.StandardCharsets;
import java.util.Random;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link AsciiWriter}.
 *
 * @author v8heapsnapshot developers
 */
class AsciiWriterTests {

	private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

	private final AsciiWriter writer = new AsciiWriter(Channels.newChannel(this.bytes), 64);

	@Test
	void writesNumbersAsJavaDoes() throws IOException {
		long[] values = { 0, 1, 9, 10, 11, 99, 100, 101, 999, 1000, 9999, 10000, 99999, 100000, 999999, 1000000,
				9999999, 10000000, 99999999, 100000000, 999999999, 1000000000, Integer.MAX_VALUE,
				Integer.MAX_VALUE + 1L, 4294967295L, 4294967296L, 1000000000000L, 12345678901234567L, Long.MAX_VALUE };
		StringBuilder expected = new StringBuilder();
		for (long value : values) {
			this.writer.number(value);
			this.writer.write(' ');
			expected.append(value).append(' ');
		}
		assertThat(written()).isEqualTo(expected.toString());
	}

	@Test
	void writesRandomNumbersAcrossManyBufferFlushes() throws IOException {
		Random random = new Random(42);
		StringBuilder expected = new StringBuilder();
		for (int i = 0; i < 10000; i++) {
			long value = (random.nextLong() >>> 1) >>> random.nextInt(63);
			this.writer.commaNumber(value);
			expected.append(',').append(value);
		}
		assertThat(written()).isEqualTo(expected.toString());
		assertThat(this.writer.size()).isEqualTo(expected.length());
	}

	@Test
	void writesNodeAndEdgeRecords() throws IOException {
		this.writer.write("[");
		this.writer.node(3, 12, 21000001, 4294967295L, 3);
		this.writer.edge(1, 4000000000L, 147);
		this.writer.write("]");
		assertThat(written()).isEqualTo("[\n,3,12,21000001,4294967295,3,0,0\n,1,4000000000,147]");
	}

	@Test
	void writesTextLongerThanTheBuffer() throws IOException {
		String text = "x".repeat(1000);
		this.writer.write("a");
		this.writer.write(text);
		this.writer.write("b");
		assertThat(written()).isEqualTo("a" + text + "b");
	}

	private String written() throws IOException {
		this.writer.close();
		return this.bytes.toString(StandardCharsets.US_ASCII);
	}

}

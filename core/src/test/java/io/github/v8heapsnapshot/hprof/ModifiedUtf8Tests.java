package io.github.v8heapsnapshot.hprof;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.Arrays;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link ModifiedUtf8}.
 *
 * @author v8heapsnapshot developers
 */
class ModifiedUtf8Tests {

	@Test
	void decodesWhatDataOutputEncodes() throws IOException {
		String text = "java/lang/String é €\u0000 中文 \uD83D\uDE00 HeapProbe$$Lambda+0x000000003a043c70";
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		new DataOutputStream(bytes).writeUTF(text);
		byte[] encoded = bytes.toByteArray();
		assertThat(ModifiedUtf8.decode(encoded, 2, encoded.length - 2)).isEqualTo(text);
	}

	@Test
	void replacesMalformedBytes() {
		byte[] bytes = { 'a', (byte) 0xC3, 'b', (byte) 0xFF };
		assertThat(ModifiedUtf8.decode(bytes, 0, bytes.length)).isEqualTo("a\uFFFDb\uFFFD");
		assertThat(ModifiedUtf8.decode(Arrays.copyOf(bytes, 2), 1, 1)).isEqualTo("\uFFFD");
	}

}

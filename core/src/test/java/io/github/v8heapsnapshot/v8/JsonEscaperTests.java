package io.github.v8heapsnapshot.v8;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link JsonEscaper}.
 *
 * @author v8heapsnapshot developers
 */
class JsonEscaperTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@Test
	void keepsPrintableAscii() {
		assertThat(escape("java.util.HashMap$Node 42 <class>")).isEqualTo("java.util.HashMap$Node 42 <class>");
	}

	@Test
	void escapesQuotesBackslashesAndControlCharacters() {
		assertThat(escape("a\"b\\c\nd\re\tf\bg\fh\u0000i\u001fj\u007f"))
			.isEqualTo("a\\\"b\\\\c\\nd\\re\\tf\\bg\\fh\\u0000i\\u001fj\\u007f");
	}

	@Test
	void escapesEveryNonAsciiCharacter() {
		assertThat(escape("utf16-€-中文-é")).isEqualTo("utf16-\\u20ac-\\u4e2d\\u6587-\\u00e9");
	}

	@Test
	void escapesSurrogatesPairedOrNot() {
		assertThat(escape("\uD83D\uDE00")).isEqualTo("\\ud83d\\ude00");
		assertThat(escape("a\uD800b\uDC00")).isEqualTo("a\\ud800b\\udc00");
	}

	@Test
	void producesJsonThatDecodesToTheSameCharacters() {
		StringBuilder all = new StringBuilder();
		for (char c = 0; c < 0x3000; c++) {
			all.append(c);
		}
		all.append("\uD83D\uDE00\uDBFF\uDFFF");
		String text = all.toString();
		String json = "\"" + escape(text) + "\"";
		assertThat(json.chars().allMatch((c) -> c >= 0x20 && c < 0x7F)).isTrue();
		assertThat(JSON.readValue(json, String.class)).isEqualTo(text);
	}

	private static String escape(String text) {
		byte[] target = new byte[text.length() * JsonEscaper.MAX_BYTES_PER_CHAR];
		int end = JsonEscaper.escape(text, target, 0);
		return new String(target, 0, end, StandardCharsets.US_ASCII);
	}

}

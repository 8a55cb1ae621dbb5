package io.github.v8heapsnapshot.convert;

import java.util.List;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link RedactionPolicy}.
 *
 * @author v8heapsnapshot developers
 */
class RedactionPolicyTests {

	@Test
	void keepsEveryValueWithoutRedaction() {
		RedactionPolicy policy = policy(Redaction.NONE, "pin");
		assertThat(policy.masksSecrets()).isFalse();
		assertThat(policy.tokenizesAllStrings()).isFalse();
		assertThat(policy.isSensitiveName("password")).isFalse();
		assertThat(policy.isSensitiveName("pin")).isFalse();
	}

	@Test
	void masksValuesUnderTheBuiltInAndTheUsersSensitiveNames() {
		RedactionPolicy policy = policy(Redaction.SECRETS, "pin");
		assertThat(policy.masksSecrets()).isTrue();
		assertThat(policy.tokenizesAllStrings()).isFalse();
		assertThat(List.of("password", "dbPasswd", "clientSecret", "accessToken", "apiKey", "credentials",
				"authHeader", "PIN")).allMatch(policy::isSensitiveName);
		assertThat(List.of("user", "name", "spin", "value")).filteredOn(policy::isSensitiveName).containsExactly("spin");
	}

	@Test
	void tokenizesEveryValueWithAllStrings() {
		RedactionPolicy policy = policy(Redaction.ALL_STRINGS, "pin");
		assertThat(policy.tokenizesAllStrings()).isTrue();
		assertThat(policy.masksSecrets()).isFalse();
		assertThat(policy.isSensitiveName("password")).isFalse();
	}

	private static RedactionPolicy policy(Redaction redaction, String sensitiveName) {
		return new RedactionPolicy(ConversionOptions.defaults()
			.withRedaction(redaction, List.of(Pattern.compile(sensitiveName, Pattern.CASE_INSENSITIVE))));
	}

}

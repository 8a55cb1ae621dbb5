package io.github.v8heapsnapshot.convert;

import java.util.List;
import java.util.regex.Pattern;

/**
 * Decides what a conversion hides, from the options' {@link Redaction} and sensitive
 * names: which field, map key and property names mark their String value as a secret,
 * and whether a String value is kept, masked or replaced by a token. The passes ask it and
 * do the work.
 *
 * @author v8heapsnapshot developers
 * @since 0.2.0
 */
final class RedactionPolicy {

	private static final Pattern SENSITIVE = Pattern.compile("(?i)password|passwd|secret|token|key|credential|auth");

	private final Redaction redaction;

	private final List<Pattern> sensitiveNames;

	RedactionPolicy(ConversionOptions options) {
		this.redaction = options.redaction();
		this.sensitiveNames = options.sensitiveNames();
	}

	/**
	 * Whether the values held under sensitive names, and the values equal to them, are
	 * masked: the passes then keep the map entries and the values of Strings.
	 * @return {@code true} for {@link Redaction#SECRETS}
	 */
	boolean masksSecrets() {
		return this.redaction == Redaction.SECRETS;
	}

	/**
	 * Whether every String value is replaced by a token of the same length.
	 * @return {@code true} for {@link Redaction#ALL_STRINGS}
	 */
	boolean tokenizesAllStrings() {
		return this.redaction == Redaction.ALL_STRINGS;
	}

	/**
	 * Whether the value held under a field, map key or property name is a secret to mask.
	 * @param name the name
	 * @return {@code true} if secrets are masked and the name looks sensitive
	 */
	boolean isSensitiveName(String name) {
		return masksSecrets() && (SENSITIVE.matcher(name).find()
				|| this.sensitiveNames.stream().anyMatch((pattern) -> pattern.matcher(name).find()));
	}

}

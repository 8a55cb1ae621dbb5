package io.github.v8heapsnapshot.boot.summary;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * Where the summary of a stored snapshot is.
 *
 * @author v8heapsnapshot developers
 * @since 0.2.0
 */
public enum SummaryState {

	/**
	 * Waiting to be computed, or being computed.
	 */
	PENDING("pending"),

	/**
	 * Computed.
	 */
	READY("ready"),

	/**
	 * Not computed, for a reason the summary gives, such as a heap too big for the
	 * budget.
	 */
	UNAVAILABLE("unavailable");

	private final String value;

	SummaryState(String value) {
		this.value = value;
	}

	/**
	 * Returns the name used in JSON.
	 * @return the value
	 */
	@JsonValue
	public String value() {
		return this.value;
	}

}

package io.github.v8heapsnapshot.convert;

/**
 * What a conversion hides of the string values in the heap.
 *
 * @author v8heapsnapshot developers
 * @since 0.1.0
 */
public enum Redaction {

	/**
	 * Keep every string value.
	 */
	NONE,

	/**
	 * Mask the string values held in fields, map entries or properties whose names look
	 * sensitive (password, secret, token, key, credential, and the user's own patterns).
	 */
	SECRETS,

	/**
	 * Replace every string value with a token of the same length; equal strings get equal
	 * tokens, so duplicated strings can still be found.
	 */
	ALL_STRINGS

}

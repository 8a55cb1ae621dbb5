package io.github.v8heapsnapshot.sample;

/**
 * A session-like object that the sample creates for every request to {@code POST /sessions}
 * and never lets go of.
 *
 * @author v8heapsnapshot developers
 * @since 0.1.0
 */
public class LeakySession {

	private static final int ATTRIBUTES_SIZE = 16 * 1024;

	private final String id;

	private final String userName;

	private final String userAgent;

	private final byte[] attributes;

	LeakySession(String id, String userName, String userAgent) {
		this.id = id;
		this.userName = userName;
		this.userAgent = userAgent;
		this.attributes = new byte[ATTRIBUTES_SIZE];
	}

	public String getId() {
		return this.id;
	}

	public String getUserName() {
		return this.userName;
	}

	public String getUserAgent() {
		return this.userAgent;
	}

}

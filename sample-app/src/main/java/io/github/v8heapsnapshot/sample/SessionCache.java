package io.github.v8heapsnapshot.sample;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.stereotype.Component;

/**
 * The leak: a cache of {@link LeakySession sessions} that nothing ever evicts.
 *
 * @author v8heapsnapshot developers
 * @since 0.1.0
 */
@Component
public class SessionCache {

	private final Map<String, LeakySession> sessions = new ConcurrentHashMap<>();

	/**
	 * Keep a session.
	 * @param session the session
	 * @return the number of sessions kept so far
	 */
	public int add(LeakySession session) {
		this.sessions.put(session.getId(), session);
		return this.sessions.size();
	}

	/**
	 * Return the number of sessions kept so far.
	 * @return the number of sessions
	 */
	public int size() {
		return this.sessions.size();
	}

}

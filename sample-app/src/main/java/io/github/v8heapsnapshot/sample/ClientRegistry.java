package io.github.v8heapsnapshot.sample;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A static registry of every user agent that ever opened a session, the kind of
 * process-wide state that outlives the objects that filled it.
 *
 * @author v8heapsnapshot developers
 * @since 0.1.0
 */
public final class ClientRegistry {

	private static final Set<String> USER_AGENTS = ConcurrentHashMap.newKeySet();

	private ClientRegistry() {
	}

	/**
	 * Register a user agent.
	 * @param userAgent the user agent
	 */
	public static void register(String userAgent) {
		USER_AGENTS.add(userAgent);
	}

	/**
	 * Return the number of distinct user agents registered.
	 * @return the number of user agents
	 */
	public static int size() {
		return USER_AGENTS.size();
	}

}

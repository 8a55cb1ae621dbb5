package io.github.v8heapsnapshot.sample;

import java.util.UUID;

import org.springframework.http.HttpHeaders;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Opens a {@link LeakySession} for every {@code POST /sessions} and keeps it in the
 * {@link SessionCache}.
 *
 * @author v8heapsnapshot developers
 * @since 0.1.0
 */
@RestController
@RequestMapping("/sessions")
public class SessionController {

	private final SessionCache cache;

	public SessionController(SessionCache cache) {
		this.cache = cache;
	}

	@PostMapping
	public SessionOpened open(@RequestParam(defaultValue = "guest") String user,
			@RequestHeader(name = HttpHeaders.USER_AGENT, defaultValue = "unknown") String userAgent) {
		LeakySession session = new LeakySession(UUID.randomUUID().toString(), user, userAgent);
		ClientRegistry.register(userAgent);
		int sessions = this.cache.add(session);
		return new SessionOpened(session.getId(), session.getUserName(), session.getUserAgent(), sessions);
	}

	@GetMapping
	public SessionCount count() {
		return new SessionCount(this.cache.size(), ClientRegistry.size());
	}

	/**
	 * The answer to {@code POST /sessions}.
	 *
	 * @param id the new session's id
	 * @param user the user's name
	 * @param userAgent the user agent that opened the session
	 * @param sessions the number of sessions kept so far
	 */
	public record SessionOpened(String id, String user, String userAgent, int sessions) {

	}

	/**
	 * The answer to {@code GET /sessions}.
	 *
	 * @param sessions the number of sessions kept so far
	 * @param userAgents the number of distinct user agents registered
	 */
	public record SessionCount(int sessions, int userAgents) {

	}

}

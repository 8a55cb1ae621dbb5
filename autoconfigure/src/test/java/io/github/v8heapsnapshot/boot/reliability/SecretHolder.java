package io.github.v8heapsnapshot.boot.reliability;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;

/**
 * Keeps secrets made up at random where redaction must find them: a {@code password}
 * field, a map entry {@code api.token} and a property {@code datasource.password}; and a
 * harmless value in two distinct but equal strings.
 *
 * @author v8heapsnapshot developers
 */
class SecretHolder {

	private final String password = "password-" + UUID.randomUUID();

	private final Map<String, String> settings = new HashMap<>();

	private final Properties properties = new Properties();

	private final String first;

	private final String second;

	SecretHolder() {
		this.settings.put("api.token", "token-" + UUID.randomUUID());
		this.properties.setProperty("datasource.password", "property-" + UUID.randomUUID());
		String harmless = "harmless-" + UUID.randomUUID();
		this.first = new String(harmless);
		this.second = new String(harmless);
	}

	List<String> secrets() {
		return List.of(this.password, this.settings.get("api.token"),
				this.properties.getProperty("datasource.password"));
	}

	String harmless() {
		return this.first;
	}

	boolean harmlessValuesEqual() {
		return this.first.equals(this.second) && this.first != this.second;
	}

}

package io.github.v8heapsnapshot.boot.autoconfigure;

import java.util.Set;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;

/**
 * Says why the endpoint answers 404 where the web exposure includes it but nothing grants
 * it access: heap snapshots hold secrets, so its access is {@code none} until the user
 * sets it, and an application that exposes every endpoint would otherwise not learn why
 * this one is missing.
 *
 * @author v8heapsnapshot developers
 */
final class EndpointAccessHint {

	private static final Log logger = LogFactory.getLog(EndpointAccessHint.class);

	private static final String ID = "v8heapsnapshot";

	private EndpointAccessHint() {
	}

	static void log(Environment environment) {
		Binder binder = Binder.get(environment);
		Set<String> included = binder.bind("management.endpoints.web.exposure.include", Bindable.setOf(String.class))
			.orElse(Set.of());
		Set<String> excluded = binder.bind("management.endpoints.web.exposure.exclude", Bindable.setOf(String.class))
			.orElse(Set.of());
		boolean exposed = (included.contains("*") || included.contains(ID)) && !excluded.contains(ID)
				&& !excluded.contains("*");
		boolean accessSet = environment.containsProperty("management.endpoint." + ID + ".access")
				|| environment.containsProperty("management.endpoints.access.default");
		if (exposed && !accessSet) {
			logger.info("The " + ID + " endpoint is exposed over the web but not accessible: heap snapshots hold "
					+ "secrets, so its access is 'none' until 'management.endpoint." + ID
					+ ".access' is set ('unrestricted' to take, list, download and delete snapshots)");
		}
	}

}

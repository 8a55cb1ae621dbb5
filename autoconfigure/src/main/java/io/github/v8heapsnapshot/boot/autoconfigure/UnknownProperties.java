package io.github.v8heapsnapshot.boot.autoconfigure;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.context.properties.source.IterableConfigurationPropertySource;
import org.springframework.core.env.Environment;

/**
 * Warns about {@code v8heapsnapshot.*} properties that no setting reads, such as a
 * misspelt {@code v8heapsnapshot.directory}, which would otherwise be ignored without a
 * word. The known properties are those of the configuration metadata on the class path.
 *
 * @author v8heapsnapshot developers
 */
final class UnknownProperties {

	private static final Log logger = LogFactory.getLog(UnknownProperties.class);

	private static final ConfigurationPropertyName ROOT = ConfigurationPropertyName.of("v8heapsnapshot");

	private static final String METADATA = "META-INF/spring-configuration-metadata.json";

	private UnknownProperties() {
	}

	static void warn(Environment environment) {
		List<ConfigurationPropertyName> known = known();
		if (known.isEmpty()) {
			return;
		}
		for (ConfigurationPropertySource source : ConfigurationPropertySources.get(environment)) {
			if (source instanceof IterableConfigurationPropertySource iterable) {
				iterable.filter(ROOT::isAncestorOf)
					.stream()
					.filter((name) -> known.stream().noneMatch((property) -> property.equals(name) || property.isAncestorOf(name)))
					.forEach((name) -> logger.warn("Ignoring unknown property '" + name + "'" + suggestion(name, known)));
			}
		}
	}

	private static String suggestion(ConfigurationPropertyName name, List<ConfigurationPropertyName> known) {
		String last = name.getLastElement(ConfigurationPropertyName.Form.DASHED);
		return known.stream()
			.filter((property) -> property.getLastElement(ConfigurationPropertyName.Form.DASHED).equals(last))
			.findFirst()
			.map((property) -> ", did you mean '" + property + "'?")
			.orElse("");
	}

	private static List<ConfigurationPropertyName> known() {
		List<ConfigurationPropertyName> known = new ArrayList<>();
		try {
			JsonMapper mapper = JsonMapper.builder().build();
			for (URL url : Collections.list(UnknownProperties.class.getClassLoader().getResources(METADATA))) {
				try (InputStream in = url.openStream()) {
					for (JsonNode property : mapper.readTree(in).path("properties")) {
						ConfigurationPropertyName name = ConfigurationPropertyName.of(property.path("name").asString());
						if (ROOT.isAncestorOf(name)) {
							known.add(name);
						}
					}
				}
			}
		}
		catch (IOException | RuntimeException ex) {
			logger.debug("Cannot read the configuration metadata", ex);
		}
		return known;
	}

}

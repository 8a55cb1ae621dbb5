package io.github.v8heapsnapshot.boot.autoconfigure;

import io.github.v8heapsnapshot.boot.actuate.endpoint.V8HeapSnapshotEndpoint;
import io.github.v8heapsnapshot.boot.snapshot.HeapSnapshotService;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link V8HeapSnapshotEndpointAutoConfiguration}.
 *
 * @author v8heapsnapshot developers
 */
class V8HeapSnapshotEndpointAutoConfigurationTests {

	private final WebApplicationContextRunner contextRunner = new WebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(V8HeapSnapshotAutoConfiguration.class,
				V8HeapSnapshotEndpointAutoConfiguration.class))
		.withPropertyValues("management.endpoints.web.exposure.include=*");

	@Test
	void endpointIsNotCreatedByDefault() {
		this.contextRunner.run((context) -> assertThat(context).doesNotHaveBean(V8HeapSnapshotEndpoint.class)
			.hasSingleBean(HeapSnapshotService.class));
	}

	@Test
	void endpointIsNotCreatedWhenAccessIsGrantedButNotExposed() {
		new WebApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(V8HeapSnapshotAutoConfiguration.class,
					V8HeapSnapshotEndpointAutoConfiguration.class))
			.withPropertyValues("management.endpoint.v8heapsnapshot.access=UNRESTRICTED")
			.run((context) -> assertThat(context).doesNotHaveBean(V8HeapSnapshotEndpoint.class));
	}

	@Test
	void endpointIsCreatedWhenAccessIsGrantedAndExposed() {
		this.contextRunner.withPropertyValues("management.endpoint.v8heapsnapshot.access=UNRESTRICTED")
			.run((context) -> assertThat(context).hasSingleBean(V8HeapSnapshotEndpoint.class));
	}

	@Test
	void endpointIsCreatedWithReadOnlyAccess() {
		this.contextRunner.withPropertyValues("management.endpoint.v8heapsnapshot.access=READ_ONLY")
			.run((context) -> assertThat(context).hasSingleBean(V8HeapSnapshotEndpoint.class));
	}

	@Test
	void backsOffFromUserEndpoint() {
		this.contextRunner.withPropertyValues("management.endpoint.v8heapsnapshot.access=UNRESTRICTED")
			.withUserConfiguration(CustomEndpointConfiguration.class)
			.run((context) -> assertThat(context).hasSingleBean(V8HeapSnapshotEndpoint.class)
				.hasBean("customEndpoint"));
	}

	@Test
	void serviceWorksWithoutActuator() {
		new WebApplicationContextRunner().withUserConfiguration(ImportedAutoConfigurations.class)
			.withPropertyValues("management.endpoints.web.exposure.include=*",
					"management.endpoint.v8heapsnapshot.access=UNRESTRICTED")
			.withClassLoader(new FilteredClassLoader("org.springframework.boot.actuate"))
			.run((context) -> assertThat(context).hasNotFailed()
				.hasSingleBean(HeapSnapshotService.class)
				.doesNotHaveBean(V8HeapSnapshotEndpoint.class));
	}

	@Configuration(proxyBeanMethods = false)
	@ImportAutoConfiguration({ V8HeapSnapshotAutoConfiguration.class, V8HeapSnapshotEndpointAutoConfiguration.class })
	static class ImportedAutoConfigurations {

	}

	@Configuration(proxyBeanMethods = false)
	static class CustomEndpointConfiguration {

		@Bean
		V8HeapSnapshotEndpoint customEndpoint(HeapSnapshotService service) {
			return new V8HeapSnapshotEndpoint(service);
		}

	}

}

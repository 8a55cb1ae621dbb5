package io.github.v8heapsnapshot.boot.autoconfigure;

import io.github.v8heapsnapshot.boot.actuate.endpoint.V8HeapSnapshotEndpoint;
import io.github.v8heapsnapshot.boot.actuate.endpoint.web.HeapSnapshotDownloadFilter;
import io.github.v8heapsnapshot.boot.actuate.endpoint.web.HeapSnapshotDownloadWebFilter;
import io.github.v8heapsnapshot.boot.snapshot.HeapSnapshotStore;
import jakarta.servlet.Filter;
import reactor.core.publisher.Mono;

import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.actuate.autoconfigure.endpoint.expose.EndpointExposure;
import org.springframework.boot.actuate.autoconfigure.web.ManagementContextConfiguration;
import org.springframework.boot.actuate.endpoint.EndpointId;
import org.springframework.boot.actuate.endpoint.web.PathMappedEndpoints;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication.Type;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.web.server.WebFilter;

/**
 * {@link ManagementContextConfiguration Management context configuration} of the filters
 * that add headers to the {@link V8HeapSnapshotEndpoint}'s answers, in the context that
 * serves the actuator: the application's, or the child context of a separate management
 * port.
 *
 * @author v8heapsnapshot developers
 * @since 0.2.0
 */
@ManagementContextConfiguration(proxyBeanMethods = false)
@ConditionalOnClass(PathMappedEndpoints.class)
@ConditionalOnAvailableEndpoint(endpoint = V8HeapSnapshotEndpoint.class, exposure = EndpointExposure.WEB)
@ConditionalOnBean({ HeapSnapshotStore.class, PathMappedEndpoints.class })
public final class V8HeapSnapshotDownloadManagementContextConfiguration {

	private static final EndpointId ENDPOINT_ID = EndpointId.of("v8heapsnapshot");

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnWebApplication(type = Type.SERVLET)
	@ConditionalOnClass({ Filter.class, FilterRegistrationBean.class })
	static class ServletDownloadConfiguration {

		@Bean
		@ConditionalOnMissingBean(name = "heapSnapshotDownloadFilter")
		FilterRegistrationBean<HeapSnapshotDownloadFilter> heapSnapshotDownloadFilter(HeapSnapshotStore store,
				PathMappedEndpoints endpoints) {
			FilterRegistrationBean<HeapSnapshotDownloadFilter> registration = new FilterRegistrationBean<>(
					new HeapSnapshotDownloadFilter(store, endpointPath(endpoints)));
			registration.setOrder(Ordered.LOWEST_PRECEDENCE - 10);
			return registration;
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnWebApplication(type = Type.REACTIVE)
	@ConditionalOnClass({ WebFilter.class, Mono.class })
	static class ReactiveDownloadConfiguration {

		@Bean
		@ConditionalOnMissingBean
		HeapSnapshotDownloadWebFilter heapSnapshotDownloadWebFilter(HeapSnapshotStore store,
				PathMappedEndpoints endpoints) {
			return new HeapSnapshotDownloadWebFilter(store, endpointPath(endpoints));
		}

	}

	private static String endpointPath(PathMappedEndpoints endpoints) {
		String path = endpoints.getPath(ENDPOINT_ID);
		if (path == null) {
			throw new IllegalStateException("The v8heapsnapshot endpoint is exposed over HTTP but has no path");
		}
		return path;
	}

}

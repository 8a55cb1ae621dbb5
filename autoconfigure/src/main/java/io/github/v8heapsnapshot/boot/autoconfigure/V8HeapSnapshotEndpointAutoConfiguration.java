package io.github.v8heapsnapshot.boot.autoconfigure;

import io.github.v8heapsnapshot.boot.actuate.endpoint.HeapSnapshotDownloadAdvice;
import io.github.v8heapsnapshot.boot.actuate.endpoint.V8HeapSnapshotEndpoint;
import io.github.v8heapsnapshot.boot.snapshot.HeapSnapshotService;

import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication.Type;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.mvc.method.annotation.ResponseBodyAdvice;

/**
 * {@link EnableAutoConfiguration Auto-configuration} for the
 * {@link V8HeapSnapshotEndpoint}.
 *
 * @author v8heapsnapshot developers
 * @since 0.1.0
 */
@AutoConfiguration(after = V8HeapSnapshotAutoConfiguration.class)
@ConditionalOnClass({ Endpoint.class, ConditionalOnAvailableEndpoint.class })
@ConditionalOnAvailableEndpoint(V8HeapSnapshotEndpoint.class)
public final class V8HeapSnapshotEndpointAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnBean(HeapSnapshotService.class)
	V8HeapSnapshotEndpoint v8HeapSnapshotEndpoint(HeapSnapshotService service) {
		return new V8HeapSnapshotEndpoint(service);
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnWebApplication(type = Type.SERVLET)
	@ConditionalOnClass(ResponseBodyAdvice.class)
	static class ServletDownloadConfiguration {

		@Bean
		@ConditionalOnMissingBean
		HeapSnapshotDownloadAdvice heapSnapshotDownloadAdvice() {
			return new HeapSnapshotDownloadAdvice();
		}

	}

}

package io.github.v8heapsnapshot.boot.autoconfigure;

import io.github.v8heapsnapshot.boot.actuate.endpoint.V8HeapSnapshotEndpoint;
import io.github.v8heapsnapshot.boot.snapshot.HeapSnapshotService;
import io.github.v8heapsnapshot.boot.summary.HeapSnapshotSummaries;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

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
	V8HeapSnapshotEndpoint v8HeapSnapshotEndpoint(HeapSnapshotService service,
			ObjectProvider<HeapSnapshotSummaries> summaries, V8HeapSnapshotProperties properties) {
		return new V8HeapSnapshotEndpoint(service, summaries.getIfAvailable(),
				properties.getEndpoint().isTakeOnRead());
	}

}

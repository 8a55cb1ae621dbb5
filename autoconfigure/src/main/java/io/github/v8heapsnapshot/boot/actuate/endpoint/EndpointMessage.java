package io.github.v8heapsnapshot.boot.actuate.endpoint;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.actuate.endpoint.OperationResponseBody;

/**
 * Why the endpoint did not do what was asked, as JSON.
 *
 * @param message what happened, for the caller
 * @param inProgress the snapshot in progress that a request was turned away for, if any
 * @author v8heapsnapshot developers
 * @since 0.2.0
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record EndpointMessage(String message, @Nullable SnapshotDescriptor inProgress)
		implements OperationResponseBody {

}

package io.github.v8heapsnapshot.boot.actuate.endpoint;

import java.util.List;

import org.springframework.boot.actuate.endpoint.OperationResponseBody;

/**
 * The snapshots the endpoint knows: stored, in progress and recently failed, newest
 * first.
 *
 * @param snapshots the snapshots
 * @author v8heapsnapshot developers
 * @since 0.2.0
 */
public record SnapshotListing(List<SnapshotDescriptor> snapshots) implements OperationResponseBody {

}

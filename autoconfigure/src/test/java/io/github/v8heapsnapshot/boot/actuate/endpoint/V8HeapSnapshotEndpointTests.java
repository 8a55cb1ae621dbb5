package io.github.v8heapsnapshot.boot.actuate.endpoint;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;

import io.github.v8heapsnapshot.boot.snapshot.HeapDumper;
import io.github.v8heapsnapshot.boot.snapshot.HeapDumperUnavailableException;
import io.github.v8heapsnapshot.boot.snapshot.HeapSnapshotAdmission;
import io.github.v8heapsnapshot.boot.snapshot.HeapSnapshotDirectory;
import io.github.v8heapsnapshot.boot.snapshot.HeapSnapshotLock;
import io.github.v8heapsnapshot.boot.snapshot.HeapSnapshotService;
import io.github.v8heapsnapshot.boot.snapshot.HeapSnapshotStore;
import io.github.v8heapsnapshot.boot.snapshot.InsufficientDiskSpaceException;
import io.github.v8heapsnapshot.boot.snapshot.InsufficientHeapException;
import io.github.v8heapsnapshot.convert.ConversionOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link V8HeapSnapshotEndpoint}'s answers, without a web server or a heap
 * dump.
 *
 * @author v8heapsnapshot developers
 */
class V8HeapSnapshotEndpointTests {

	private static final String UNKNOWN = "Heap.20000101.000000.1.0.001.heapsnapshot";

	@TempDir
	Path temp;

	private final HeapSnapshotLock lock = new HeapSnapshotLock();

	@Test
	void snapshotInProgressIsTooManyRequests() {
		V8HeapSnapshotEndpoint endpoint = endpoint((file, live) -> Files.createFile(file));
		try (HeapSnapshotLock.Permit permit = this.lock.tryAcquire(Duration.ZERO)) {
			assertThat(permit).isNotNull();
			assertThat(endpoint.heapSnapshot(null, HeapSnapshotFormat.SNAPSHOT).getStatus()).isEqualTo(429);
			assertThat(endpoint.takeSnapshot().getStatus()).isEqualTo(429);
		}
	}

	@Test
	void unavailableDumperIsServiceUnavailable() {
		WebEndpointResponse<?> response = endpoint((file, live) -> {
			throw new HeapDumperUnavailableException("No dumper");
		}).heapSnapshot(null, HeapSnapshotFormat.SNAPSHOT);
		assertThat(response.getStatus()).isEqualTo(503);
		assertThat(response.getBody()).isEqualTo("No dumper");
	}

	@Test
	void tooLittleFreeHeapIsServiceUnavailable() {
		V8HeapSnapshotEndpoint endpoint = endpoint((file, live) -> Files.createFile(file), new HeapSnapshotAdmission() {

			@Override
			public void checkFreeHeap() {
				throw new InsufficientHeapException("Not enough free heap");
			}

		});
		assertThat(endpoint.takeSnapshot().getStatus()).isEqualTo(503);
	}

	@Test
	void tooLittleDiskSpaceIsInsufficientStorage() {
		V8HeapSnapshotEndpoint endpoint = endpoint((file, live) -> Files.createFile(file), new HeapSnapshotAdmission() {

			@Override
			public void checkDiskSpace(Path directory) {
				throw new InsufficientDiskSpaceException("Not enough free disk space");
			}

		});
		WebEndpointResponse<?> response = endpoint.heapSnapshot(false, HeapSnapshotFormat.SNAPSHOT);
		assertThat(response.getStatus()).isEqualTo(507);
		assertThat(response.getBody()).isEqualTo("Not enough free disk space");
	}

	@Test
	void failedConversionIsInternalServerErrorWithoutItsCause() {
		WebEndpointResponse<?> response = endpoint((file, live) -> Files.writeString(file, "not a heap dump"))
			.takeSnapshot();
		assertThat(response.getStatus()).isEqualTo(500);
		assertThat(response.getBody()).isEqualTo("Heap snapshot failed; the cause is in the application log");
	}

	@Test
	void unknownSnapshotIsNotFound() {
		V8HeapSnapshotEndpoint endpoint = endpoint((file, live) -> Files.createFile(file));
		assertThat(endpoint.download(UNKNOWN).getStatus()).isEqualTo(404);
		assertThat(endpoint.delete(UNKNOWN).getStatus()).isEqualTo(404);
		assertThat(endpoint.download("../" + UNKNOWN).getStatus()).isEqualTo(404);
	}

	@Test
	void listingIsJson() {
		WebEndpointResponse<?> response = endpoint((file, live) -> Files.createFile(file)).heapSnapshot(null,
				HeapSnapshotFormat.DESCRIPTORS);
		assertThat(response.getStatus()).isEqualTo(200);
		assertThat(response.getContentType()).hasToString("application/json");
	}

	private V8HeapSnapshotEndpoint endpoint(HeapDumper dumper) {
		return endpoint(dumper, new HeapSnapshotAdmission() {

			@Override
			public void checkDiskSpace(Path directory) {
			}

		});
	}

	private V8HeapSnapshotEndpoint endpoint(HeapDumper dumper, HeapSnapshotAdmission admission) {
		HeapSnapshotStore store = new HeapSnapshotStore(new HeapSnapshotDirectory(this.temp));
		HeapSnapshotService service = new HeapSnapshotService(store, dumper, ConversionOptions.defaults(), this.lock,
				Clock.systemDefaultZone());
		service.setAdmission(admission);
		service.setBusyWait(Duration.ZERO);
		return new V8HeapSnapshotEndpoint(service);
	}

}

package io.github.v8heapsnapshot.boot.actuate.endpoint;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import io.github.v8heapsnapshot.boot.snapshot.HeapDumper;
import io.github.v8heapsnapshot.boot.snapshot.HeapDumperUnavailableException;
import io.github.v8heapsnapshot.boot.snapshot.HeapSnapshotAdmission;
import io.github.v8heapsnapshot.boot.snapshot.HeapSnapshotDirectory;
import io.github.v8heapsnapshot.boot.snapshot.HeapSnapshotLock;
import io.github.v8heapsnapshot.boot.snapshot.HeapSnapshotProgress;
import io.github.v8heapsnapshot.boot.snapshot.HeapSnapshotService;
import io.github.v8heapsnapshot.boot.snapshot.HeapSnapshotStore;
import io.github.v8heapsnapshot.boot.snapshot.InsufficientDiskSpaceException;
import io.github.v8heapsnapshot.boot.snapshot.InsufficientHeapException;
import io.github.v8heapsnapshot.boot.snapshot.SnapshotState;
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
			assertThat(endpoint.takeSnapshot(null, HeapSnapshotFormat.ACTUATOR_V3_JSON).getStatus()).isEqualTo(429);
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
		assertThat(endpoint.heapSnapshot(null, HeapSnapshotFormat.SNAPSHOT).getStatus()).isEqualTo(503);
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
			.heapSnapshot(null, HeapSnapshotFormat.SNAPSHOT);
		assertThat(response.getStatus()).isEqualTo(500);
		assertThat(response.getBody()).isEqualTo("Heap snapshot failed; the cause is in the application log");
	}

	@Test
	void postIsAcceptedAndAFailureInTheBackgroundIsDescribed() throws Exception {
		CountDownLatch release = new CountDownLatch(1);
		V8HeapSnapshotEndpoint endpoint = endpoint((file, live) -> {
			awaitQuietly(release);
			Files.writeString(file, "not a heap dump");
		});
		WebEndpointResponse<?> accepted = endpoint.takeSnapshot(false, HeapSnapshotFormat.ACTUATOR_V3_JSON);
		assertThat(accepted.getStatus()).isEqualTo(202);
		SnapshotDescriptor started = (SnapshotDescriptor) accepted.getBody();
		assertThat(started.state()).isEqualTo(SnapshotState.IN_PROGRESS);
		assertThat(started.live()).isFalse();
		assertThat(started.progress().phase()).isEqualTo(HeapSnapshotProgress.Phase.DUMP);
		WebEndpointResponse<?> busy = endpoint.takeSnapshot(null, HeapSnapshotFormat.ACTUATOR_V3_JSON);
		assertThat(busy.getStatus()).isEqualTo(429);
		EndpointMessage message = (EndpointMessage) busy.getBody();
		assertThat(message.inProgress().name()).isEqualTo(started.name());
		assertThat(message.inProgress().created()).isEqualTo(started.created());
		assertThat(endpoint.snapshot(started.name(), HeapSnapshotFormat.SNAPSHOT).getStatus()).isEqualTo(409);
		assertThat(endpoint.delete(started.name()).getStatus()).isEqualTo(409);
		release.countDown();
		SnapshotDescriptor failed = awaitEnd(endpoint, started.name());
		assertThat(failed.state()).isEqualTo(SnapshotState.FAILED);
		assertThat(failed.failure()).isEqualTo("Heap snapshot failed; the cause is in the application log");
		assertThat(failed.progress()).isNull();
		SnapshotListing listing = (SnapshotListing) endpoint.heapSnapshot(null, HeapSnapshotFormat.JSON).getBody();
		assertThat(listing.snapshots()).containsExactly(failed);
		assertThat(endpoint.snapshot(started.name(), HeapSnapshotFormat.SNAPSHOT).getStatus()).isEqualTo(404);
		assertThat(endpoint.delete(started.name()).getStatus()).isEqualTo(204);
		assertThat(endpoint.snapshot(started.name(), HeapSnapshotFormat.JSON).getStatus()).isEqualTo(404);
	}

	@Test
	void listsInsteadOfTakingWhenTakingOnReadIsOff() {
		HeapSnapshotService service = service((file, live) -> Files.createFile(file), new HeapSnapshotAdmission());
		WebEndpointResponse<?> response = new V8HeapSnapshotEndpoint(service, null, false).heapSnapshot(null,
				HeapSnapshotFormat.SNAPSHOT);
		assertThat(response.getStatus()).isEqualTo(200);
		assertThat(response.getBody()).isInstanceOf(SnapshotListing.class);
		assertThat(response.getContentType()).hasToString("application/vnd.spring-boot.actuator.v3+json");
	}

	@Test
	void unknownSnapshotIsNotFound() {
		V8HeapSnapshotEndpoint endpoint = endpoint((file, live) -> Files.createFile(file));
		assertThat(endpoint.snapshot(UNKNOWN, HeapSnapshotFormat.SNAPSHOT).getStatus()).isEqualTo(404);
		assertThat(endpoint.delete(UNKNOWN).getStatus()).isEqualTo(404);
		assertThat(endpoint.snapshot("../" + UNKNOWN, HeapSnapshotFormat.SNAPSHOT).getStatus()).isEqualTo(404);
	}

	@Test
	void listingIsJson() {
		WebEndpointResponse<?> response = endpoint((file, live) -> Files.createFile(file)).heapSnapshot(null,
				HeapSnapshotFormat.JSON);
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
		return new V8HeapSnapshotEndpoint(service(dumper, admission));
	}

	private HeapSnapshotService service(HeapDumper dumper, HeapSnapshotAdmission admission) {
		HeapSnapshotStore store = new HeapSnapshotStore(new HeapSnapshotDirectory(this.temp));
		HeapSnapshotService service = new HeapSnapshotService(store, dumper, ConversionOptions.defaults(), this.lock,
				Clock.systemDefaultZone());
		service.setAdmission(admission);
		service.setBusyWait(Duration.ZERO);
		return service;
	}

	private static SnapshotDescriptor awaitEnd(V8HeapSnapshotEndpoint endpoint, String name)
			throws InterruptedException {
		for (int i = 0; i < 500; i++) {
			SnapshotDescriptor descriptor = (SnapshotDescriptor) endpoint.snapshot(name, HeapSnapshotFormat.JSON)
				.getBody();
			if (descriptor.state() != SnapshotState.IN_PROGRESS) {
				return descriptor;
			}
			Thread.sleep(10);
		}
		throw new AssertionError(name + " is still in progress");
	}

	private static void awaitQuietly(CountDownLatch latch) {
		try {
			latch.await(10, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}

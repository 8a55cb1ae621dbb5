package io.github.v8heapsnapshot.boot.autoconfigure;

import java.io.File;
import java.nio.file.Path;
import java.time.Clock;
import java.util.regex.Pattern;

import io.github.v8heapsnapshot.boot.snapshot.HeapDumper;
import io.github.v8heapsnapshot.boot.snapshot.HeapSnapshotAdmission;
import io.github.v8heapsnapshot.boot.snapshot.HeapSnapshotDirectory;
import io.github.v8heapsnapshot.boot.snapshot.HeapSnapshotListener;
import io.github.v8heapsnapshot.boot.snapshot.HeapSnapshotLock;
import io.github.v8heapsnapshot.boot.snapshot.HeapSnapshotRetention;
import io.github.v8heapsnapshot.boot.snapshot.HeapSnapshotService;
import io.github.v8heapsnapshot.boot.snapshot.HeapSnapshotStore;
import io.github.v8heapsnapshot.boot.snapshot.HotSpotHeapDumper;
import io.github.v8heapsnapshot.convert.ConversionOptions;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * {@link EnableAutoConfiguration Auto-configuration} for the {@link HeapSnapshotService}
 * and its collaborators.
 *
 * @author v8heapsnapshot developers
 * @since 0.1.0
 */
@AutoConfiguration
@EnableConfigurationProperties(V8HeapSnapshotProperties.class)
public final class V8HeapSnapshotAutoConfiguration {

	private final V8HeapSnapshotProperties properties;

	V8HeapSnapshotAutoConfiguration(V8HeapSnapshotProperties properties) {
		this.properties = properties;
	}

	@Bean
	@ConditionalOnMissingBean
	HeapSnapshotDirectory heapSnapshotDirectory() {
		File tempDirectory = this.properties.getTempDirectory();
		return new HeapSnapshotDirectory(storageDirectory(), (tempDirectory != null) ? tempDirectory.toPath() : null);
	}

	@Bean
	@ConditionalOnMissingBean
	HeapSnapshotStore heapSnapshotStore(HeapSnapshotDirectory directory) {
		return new HeapSnapshotStore(directory);
	}

	@Bean
	@ConditionalOnMissingBean
	HeapSnapshotRetention heapSnapshotRetention() {
		V8HeapSnapshotProperties.Storage storage = this.properties.getStorage();
		HeapSnapshotRetention retention = new HeapSnapshotRetention();
		retention.setMaxCount(storage.getMaxCount());
		retention.setMaxTotalSize(storage.getMaxTotalSize().toBytes());
		retention.setMaxAge(storage.getMaxAge());
		return retention;
	}

	@Bean
	@ConditionalOnMissingBean
	HeapSnapshotAdmission heapSnapshotAdmission() {
		HeapSnapshotAdmission admission = new HeapSnapshotAdmission();
		admission.setFreeHeapReserve(this.properties.getFreeHeapReserve().toBytes());
		return admission;
	}

	@Bean
	@ConditionalOnMissingBean
	HeapSnapshotLock heapSnapshotLock() {
		return new HeapSnapshotLock();
	}

	@Bean
	@ConditionalOnMissingBean(HeapDumper.class)
	HotSpotHeapDumper heapDumper() {
		return new HotSpotHeapDumper();
	}

	@Bean
	@ConditionalOnMissingBean
	HeapSnapshotService heapSnapshotService(HeapSnapshotStore store, HeapDumper heapDumper, HeapSnapshotLock lock,
			HeapSnapshotAdmission admission, HeapSnapshotRetention retention,
			ObjectProvider<HeapSnapshotListener> listeners) {
		HeapSnapshotService service = new HeapSnapshotService(store, heapDumper, conversionOptions(), lock,
				Clock.systemDefaultZone());
		service.setAdmission(admission);
		service.setRetention(retention);
		service.setLive(this.properties.isLive());
		service.setKeepHprof(this.properties.isKeepHprof());
		service.setBusyWait(this.properties.getBusyWait());
		service.setListeners(listeners.orderedStream().toList());
		return service;
	}

	private ConversionOptions conversionOptions() {
		return ConversionOptions.defaults()
			.withStringLimit(this.properties.getStringLimit())
			.withRedaction(this.properties.getRedaction(),
					this.properties.getSensitiveNames().stream().map(Pattern::compile).toList());
	}

	private Path storageDirectory() {
		File directory = this.properties.getStorage().getDirectory();
		if (directory != null) {
			return directory.toPath();
		}
		return Path.of(System.getProperty("java.io.tmpdir"), "v8heapsnapshots");
	}

}

package io.github.v8heapsnapshot.boot.autoconfigure;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.regex.Pattern;

import io.github.v8heapsnapshot.boot.autoconfigure.V8HeapSnapshotProperties.ConversionMode;
import io.github.v8heapsnapshot.boot.conversion.ChildJvmConverter;
import io.github.v8heapsnapshot.boot.conversion.DumpConverter;
import io.github.v8heapsnapshot.boot.oom.OutOfMemoryDumpImporter;
import io.github.v8heapsnapshot.boot.oom.OutOfMemoryDumpLocation;
import io.github.v8heapsnapshot.boot.snapshot.HeapDumper;
import io.github.v8heapsnapshot.boot.snapshot.HeapSnapshotAdmission;
import io.github.v8heapsnapshot.boot.snapshot.HeapSnapshotDirectory;
import io.github.v8heapsnapshot.boot.snapshot.HeapSnapshotListener;
import io.github.v8heapsnapshot.boot.snapshot.HeapSnapshotLock;
import io.github.v8heapsnapshot.boot.snapshot.HeapSnapshotRetention;
import io.github.v8heapsnapshot.boot.snapshot.HeapSnapshotObjectIds;
import io.github.v8heapsnapshot.boot.snapshot.HeapSnapshotService;
import io.github.v8heapsnapshot.boot.snapshot.HeapSnapshotStore;
import io.github.v8heapsnapshot.boot.snapshot.HotSpotHeapDumper;
import io.github.v8heapsnapshot.boot.summary.HeapSnapshotSummaries;
import io.github.v8heapsnapshot.convert.ConversionOptions;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

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

	private static final Log logger = LogFactory.getLog(V8HeapSnapshotAutoConfiguration.class);

	private final V8HeapSnapshotProperties properties;

	private final Environment environment;

	V8HeapSnapshotAutoConfiguration(V8HeapSnapshotProperties properties, Environment environment) {
		this.properties = properties;
		this.environment = environment;
	}

	@Bean
	@ConditionalOnMissingBean
	HeapSnapshotDirectory heapSnapshotDirectory() {
		UnknownProperties.warn(this.environment);
		EndpointAccessHint.log(this.environment);
		File tempDirectory = this.properties.getTempDirectory();
		HeapSnapshotDirectory directory = new HeapSnapshotDirectory(storageDirectory(),
				(tempDirectory != null) ? tempDirectory.toPath() : null);
		logger.info("Heap snapshots are stored in '" + directory.getPath() + "'");
		return directory;
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
	@ConditionalOnMissingBean
	@ConditionalOnBooleanProperty(name = "v8heapsnapshot.summary.enabled", matchIfMissing = true)
	HeapSnapshotSummaries heapSnapshotSummaries(HeapSnapshotStore store) {
		return new HeapSnapshotSummaries(store);
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
			ObjectProvider<HeapSnapshotListener> listeners) throws IOException {
		HeapSnapshotService service = new HeapSnapshotService(store, heapDumper, conversionOptions(), lock,
				Clock.systemDefaultZone());
		service.setAdmission(admission);
		service.setRetention(retention);
		service.setLive(this.properties.isLive());
		service.setKeepHprof(this.properties.isKeepHprof());
		service.setBusyWait(this.properties.getBusyWait());
		service.setListeners(listeners.orderedStream().toList());
		ChildJvmConverter childJvm = childJvmConverter();
		boolean inProcess = this.properties.getConversion().getMode() == ConversionMode.IN_PROCESS;
		service.setConverter(inProcess ? DumpConverter.inProcess() : childJvm);
		service.setIsolatedConverter(childJvm);
		if (this.properties.isObjectIds()) {
			HeapSnapshotObjectIds objectIds = new HeapSnapshotObjectIds(store.getDirectory().getPath());
			objectIds.deleteStaleTables();
			service.setObjectIds(objectIds);
		}
		return service;
	}

	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnBooleanProperty(name = "v8heapsnapshot.oom.enabled", matchIfMissing = true)
	OutOfMemoryDumpImporter outOfMemoryDumpImporter(HeapSnapshotService service) {
		V8HeapSnapshotProperties.OutOfMemory oom = this.properties.getOom();
		String path = oom.getHeapDumpPath();
		OutOfMemoryDumpLocation location = (path != null) ? OutOfMemoryDumpLocation.of(path)
				: OutOfMemoryDumpLocation.ofRunningJvm();
		return new OutOfMemoryDumpImporter(service, location, oom.isKeepHprof());
	}

	private ChildJvmConverter childJvmConverter() {
		V8HeapSnapshotProperties.Conversion.Child child = this.properties.getConversion().getChild();
		ChildJvmConverter converter = new ChildJvmConverter();
		converter.setMaxHeap(child.getMaxHeap());
		converter.setCpus(child.getCpus());
		converter.setLowPriority(child.isLowPriority());
		return converter;
	}

	private ConversionOptions conversionOptions() {
		ConversionOptions options = ConversionOptions.defaults()
			.withStringLimit(this.properties.getStringLimit())
			.withRedaction(this.properties.getRedaction(),
					this.properties.getSensitiveNames().stream().map(Pattern::compile).toList());
		Integer threads = this.properties.getConversion().getThreads();
		return (threads != null) ? options.withThreads(threads) : options;
	}

	private Path storageDirectory() {
		File directory = this.properties.getStorage().getDirectory();
		if (directory != null) {
			return directory.toPath();
		}
		return ApplicationStorageDirectory.of(this.environment);
	}

}

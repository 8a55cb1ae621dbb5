package io.github.v8heapsnapshot.boot.autoconfigure;

import java.io.File;
import java.nio.file.Path;
import java.util.regex.Pattern;

import io.github.v8heapsnapshot.boot.snapshot.HeapDumper;
import io.github.v8heapsnapshot.boot.snapshot.HeapSnapshotListener;
import io.github.v8heapsnapshot.boot.snapshot.HeapSnapshotObjectIds;
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
 * {@link EnableAutoConfiguration Auto-configuration} for the {@link HeapSnapshotService}.
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
	HeapSnapshotStore heapSnapshotStore() {
		V8HeapSnapshotProperties.Storage storage = this.properties.getStorage();
		HeapSnapshotStore store = new HeapSnapshotStore(storageDirectory());
		store.setMaxCount(storage.getMaxCount());
		store.setMaxTotalSize(storage.getMaxTotalSize().toBytes());
		store.setMaxAge(storage.getMaxAge());
		File tempDirectory = this.properties.getTempDirectory();
		store.setTemporaryDirectory((tempDirectory != null) ? tempDirectory.toPath() : null);
		return store;
	}

	@Bean
	@ConditionalOnMissingBean(HeapDumper.class)
	HotSpotHeapDumper heapDumper() {
		return new HotSpotHeapDumper();
	}

	@Bean
	@ConditionalOnMissingBean
	HeapSnapshotService heapSnapshotService(HeapSnapshotStore store, HeapDumper heapDumper,
			ObjectProvider<HeapSnapshotListener> listeners) {
		HeapSnapshotService service = new HeapSnapshotService(store, heapDumper, conversionOptions());
		service.setLive(this.properties.isLive());
		service.setKeepHprof(this.properties.isKeepHprof());
		service.setBusyWait(this.properties.getBusyWait());
		service.setListeners(listeners.orderedStream().toList());
		service.setObjectIds(new HeapSnapshotObjectIds(store.getDirectory()));
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

package io.github.v8heapsnapshot.boot.actuate.endpoint.web;

import io.github.v8heapsnapshot.boot.snapshot.HeapSnapshotStore;
import reactor.core.publisher.Mono;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

/**
 * WebFlux filter that adds to the answers of the {@code v8heapsnapshot} endpoint what its
 * operations cannot: {@code Content-Disposition}, a strong {@code ETag} and
 * {@code Last-Modified} on downloads, {@code If-Range} checking, and the
 * {@code Location} of a snapshot started by {@code POST}. It lets a bodyless
 * {@code POST} through as JSON. Requests to other paths pass untouched.
 *
 * @author v8heapsnapshot developers
 * @since 0.2.0
 */
public class HeapSnapshotDownloadWebFilter implements WebFilter {

	private final HeapSnapshotDownloads downloads;

	/**
	 * Creates a filter.
	 * @param store the store of the snapshots
	 * @param endpointPath the path of the endpoint within the application, such as
	 * {@code /actuator/v8heapsnapshot}
	 */
	public HeapSnapshotDownloadWebFilter(HeapSnapshotStore store, String endpointPath) {
		this.downloads = new HeapSnapshotDownloads(store, endpointPath);
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		ServerHttpRequest request = exchange.getRequest();
		String path = request.getPath().pathWithinApplication().value();
		if (!this.downloads.isEndpointPath(path)) {
			return chain.filter(exchange);
		}
		ServerHttpRequest filtered = filter(request, path);
		ServerWebExchange filteredExchange = exchange.mutate().request(filtered).build();
		ServerHttpResponse response = exchange.getResponse();
		response.beforeCommit(() -> {
			name(filtered, response);
			return Mono.empty();
		});
		return chain.filter(filteredExchange);
	}

	private ServerHttpRequest filter(ServerHttpRequest request, String path) {
		HttpHeaders headers = request.getHeaders();
		String name = this.downloads.nameInPath(path);
		String ifRange = headers.getFirst(HttpHeaders.IF_RANGE);
		if (name != null && ifRange != null && !this.downloads.ifRangeMatches(ifRange, name)) {
			return request.mutate().headers((mutable) -> {
				mutable.remove(HttpHeaders.RANGE);
				mutable.remove(HttpHeaders.IF_RANGE);
			}).build();
		}
		if (this.downloads.isRoot(path) && HttpMethod.POST.equals(request.getMethod())
				&& headers.getContentType() == null && headers.getContentLength() <= 0) {
			return request.mutate().headers((mutable) -> mutable.setContentType(MediaType.APPLICATION_JSON)).build();
		}
		return request;
	}

	private void name(ServerHttpRequest request, ServerHttpResponse response) {
		HttpHeaders headers = response.getHeaders();
		String contentType = headers.getFirst(HttpHeaders.CONTENT_TYPE);
		String name = HeapSnapshotDownloads.snapshotIn(contentType);
		if (contentType == null || name == null) {
			return;
		}
		headers.set(HttpHeaders.CONTENT_TYPE, HeapSnapshotDownloads.withoutSnapshot(contentType));
		if (!HeapSnapshotDownloads.isDownload(contentType)) {
			String root = request.getURI().getRawPath();
			headers.setLocation(request.getURI().resolve(HeapSnapshotDownloads.location(root, name)));
			return;
		}
		this.downloads.downloadHeaders(name).forEach(headers::put);
	}

}

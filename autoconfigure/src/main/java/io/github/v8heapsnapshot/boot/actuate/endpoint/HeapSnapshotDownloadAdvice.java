package io.github.v8heapsnapshot.boot.actuate.endpoint;

import java.util.Collection;

import org.jspecify.annotations.Nullable;

import org.springframework.core.MethodParameter;
import org.springframework.core.io.support.ResourceRegion;
import org.springframework.http.ContentDisposition;
import org.springframework.http.MediaType;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.ResponseBodyAdvice;

/**
 * Adds {@code Content-Disposition: attachment; filename="<name>"} to the Spring MVC
 * responses that send a {@link HeapSnapshotResource}, so that browsers and
 * {@code curl -OJ} save the snapshot under its name. Actuator's
 * {@code WebEndpointResponse} cannot carry headers, so this is done where the body is
 * written.
 *
 * @author v8heapsnapshot developers
 * @since 0.1.0
 */
@ControllerAdvice
public class HeapSnapshotDownloadAdvice implements ResponseBodyAdvice<Object> {

	@Override
	public boolean supports(MethodParameter returnType, Class<? extends HttpMessageConverter<?>> converterType) {
		return true;
	}

	@Override
	public @Nullable Object beforeBodyWrite(@Nullable Object body, MethodParameter returnType,
			MediaType selectedContentType, Class<? extends HttpMessageConverter<?>> selectedConverterType,
			ServerHttpRequest request, ServerHttpResponse response) {
		HeapSnapshotResource resource = snapshot(body);
		if (resource != null) {
			response.getHeaders()
				.setContentDisposition(ContentDisposition.attachment().filename(resource.getFilename()).build());
		}
		return body;
	}

	private static @Nullable HeapSnapshotResource snapshot(@Nullable Object body) {
		if (body instanceof HeapSnapshotResource resource) {
			return resource;
		}
		// Range requests have the resource cut into regions
		if (body instanceof ResourceRegion region) {
			return snapshot(region.getResource());
		}
		if (body instanceof Collection<?> regions && !regions.isEmpty()) {
			return snapshot(regions.iterator().next());
		}
		return null;
	}

}

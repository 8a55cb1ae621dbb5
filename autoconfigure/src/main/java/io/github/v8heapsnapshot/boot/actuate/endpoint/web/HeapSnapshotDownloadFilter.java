package io.github.v8heapsnapshot.boot.actuate.endpoint.web;

import java.io.IOException;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;

import io.github.v8heapsnapshot.boot.snapshot.HeapSnapshotStore;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpRange;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Servlet filter, for Spring MVC and Jersey, that adds to the answers of the
 * {@code v8heapsnapshot} endpoint what its operations cannot: {@code Content-Disposition},
 * {@code Content-Length}, a strong {@code ETag} and {@code Last-Modified} on downloads,
 * {@code If-Range} checking, a single {@code Range} on stacks that send the whole file,
 * and the {@code Location} of a snapshot started by {@code POST}. It lets a bodyless
 * {@code POST} through as JSON. Requests to other paths pass untouched.
 *
 * @author v8heapsnapshot developers
 * @since 0.2.0
 */
public class HeapSnapshotDownloadFilter extends OncePerRequestFilter {

	private final HeapSnapshotDownloads downloads;

	/**
	 * Creates a filter.
	 * @param store the store of the snapshots
	 * @param endpointPath the path of the endpoint within its web server's context, such
	 * as {@code /actuator/v8heapsnapshot}
	 */
	public HeapSnapshotDownloadFilter(HeapSnapshotStore store, String endpointPath) {
		this.downloads = new HeapSnapshotDownloads(store, endpointPath);
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		return !this.downloads.isEndpointPath(path(request));
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String path = path(request);
		HttpServletRequest filtered = request;
		String name = this.downloads.nameInPath(path);
		String ifRange = request.getHeader(HttpHeaders.IF_RANGE);
		if (name != null && ifRange != null && !this.downloads.ifRangeMatches(ifRange, name)) {
			filtered = new WithoutRange(request);
		}
		if (this.downloads.isRoot(path) && HttpMethod.POST.matches(request.getMethod())
				&& request.getContentType() == null && request.getContentLengthLong() <= 0) {
			filtered = new AsJson(request);
		}
		chain.doFilter(filtered, new Answer(filtered, response));
	}

	private static String path(HttpServletRequest request) {
		return request.getRequestURI().substring(request.getContextPath().length());
	}

	/**
	 * The request without its {@code Range}, when its {@code If-Range} no longer matches.
	 */
	private static final class WithoutRange extends HttpServletRequestWrapper {

		WithoutRange(HttpServletRequest request) {
			super(request);
		}

		@Override
		public @Nullable String getHeader(String name) {
			return isRange(name) ? null : super.getHeader(name);
		}

		@Override
		public Enumeration<String> getHeaders(String name) {
			return isRange(name) ? Collections.emptyEnumeration() : super.getHeaders(name);
		}

		@Override
		public Enumeration<String> getHeaderNames() {
			List<String> names = Collections.list(super.getHeaderNames());
			names.removeIf(WithoutRange::isRange);
			return Collections.enumeration(names);
		}

		private static boolean isRange(String name) {
			return HttpHeaders.RANGE.equalsIgnoreCase(name) || HttpHeaders.IF_RANGE.equalsIgnoreCase(name);
		}

	}

	/**
	 * A bodyless request, presented as JSON so that the operation's consumed media types
	 * match.
	 */
	private static final class AsJson extends HttpServletRequestWrapper {

		AsJson(HttpServletRequest request) {
			super(request);
		}

		@Override
		public String getContentType() {
			return MediaType.APPLICATION_JSON_VALUE;
		}

		@Override
		public @Nullable String getHeader(String name) {
			return HttpHeaders.CONTENT_TYPE.equalsIgnoreCase(name) ? getContentType() : super.getHeader(name);
		}

		@Override
		public Enumeration<String> getHeaders(String name) {
			return HttpHeaders.CONTENT_TYPE.equalsIgnoreCase(name) ? Collections.enumeration(List.of(getContentType()))
					: super.getHeaders(name);
		}

		@Override
		public Enumeration<String> getHeaderNames() {
			List<String> names = Collections.list(super.getHeaderNames());
			names.add(HttpHeaders.CONTENT_TYPE);
			return Collections.enumeration(names);
		}

	}

	/**
	 * The response, whose content type, when it names a snapshot, is turned into
	 * headers.
	 */
	private final class Answer extends HttpServletResponseWrapper {

		private final HttpServletRequest request;

		private long size;

		private @Nullable HttpRange range;

		Answer(HttpServletRequest request, HttpServletResponse response) {
			super(response);
			this.request = request;
		}

		@Override
		public void setContentType(@Nullable String type) {
			super.setContentType(named(type));
		}

		@Override
		public void setHeader(String name, @Nullable String value) {
			super.setHeader(name, HttpHeaders.CONTENT_TYPE.equalsIgnoreCase(name) ? named(value) : value);
		}

		@Override
		public void addHeader(String name, @Nullable String value) {
			if (HttpHeaders.CONTENT_TYPE.equalsIgnoreCase(name)) {
				setContentType(value);
			}
			else {
				super.addHeader(name, value);
			}
		}

		@Override
		public ServletOutputStream getOutputStream() throws IOException {
			ServletOutputStream output = super.getOutputStream();
			HttpRange range = this.range;
			if (range == null || getStatus() != SC_OK) {
				return output;
			}
			this.range = null;
			long start = range.getRangeStart(this.size);
			long end = range.getRangeEnd(this.size);
			setStatus(SC_PARTIAL_CONTENT);
			super.setHeader(HttpHeaders.CONTENT_RANGE, "bytes " + start + "-" + end + "/" + this.size);
			setContentLengthLong(end - start + 1);
			return new Slice(output, start, end);
		}

		private @Nullable String named(@Nullable String type) {
			String name = HeapSnapshotDownloads.snapshotIn(type);
			if (type == null || name == null) {
				return type;
			}
			String contentType = HeapSnapshotDownloads.withoutSnapshot(type);
			if (!HeapSnapshotDownloads.isDownload(type)) {
				super.setHeader(HttpHeaders.LOCATION,
						HeapSnapshotDownloads.location(this.request.getRequestURL().toString(), name));
				return contentType;
			}
			HeapSnapshotDownloads downloads = HeapSnapshotDownloadFilter.this.downloads;
			downloads.downloadHeaders(name).forEach((header, values) -> values
				.forEach((value) -> super.setHeader(header, value)));
			super.setHeader(HttpHeaders.ACCEPT_RANGES, "bytes");
			long size = downloads.size(name);
			if (getStatus() == SC_OK && size >= 0) {
				setContentLengthLong(size);
				this.size = size;
				this.range = singleRange(size);
			}
			return contentType;
		}

		private @Nullable HttpRange singleRange(long size) {
			String header = this.request.getHeader(HttpHeaders.RANGE);
			if (header == null) {
				return null;
			}
			try {
				List<HttpRange> ranges = HttpRange.parseRanges(header);
				if (ranges.size() != 1 || ranges.get(0).getRangeStart(size) >= size) {
					return null;
				}
				return ranges.get(0);
			}
			catch (IllegalArgumentException ex) {
				return null;
			}
		}

	}

	/**
	 * Writes only the bytes of a range of what it is given.
	 */
	private static final class Slice extends ServletOutputStream {

		private final ServletOutputStream output;

		private final long start;

		private final long end;

		private long position;

		Slice(ServletOutputStream output, long start, long end) {
			this.output = output;
			this.start = start;
			this.end = end;
		}

		@Override
		public void write(int b) throws IOException {
			if (this.position >= this.start && this.position <= this.end) {
				this.output.write(b);
			}
			this.position++;
		}

		@Override
		public void write(byte[] bytes, int offset, int length) throws IOException {
			long from = Math.max(this.position, this.start);
			long to = Math.min(this.position + length - 1, this.end);
			if (from <= to) {
				this.output.write(bytes, offset + (int) (from - this.position), (int) (to - from + 1));
			}
			this.position += length;
		}

		@Override
		public void flush() throws IOException {
			this.output.flush();
		}

		@Override
		public void close() throws IOException {
			this.output.close();
		}

		@Override
		public boolean isReady() {
			return this.output.isReady();
		}

		@Override
		public void setWriteListener(WriteListener listener) {
			this.output.setWriteListener(listener);
		}

	}

}

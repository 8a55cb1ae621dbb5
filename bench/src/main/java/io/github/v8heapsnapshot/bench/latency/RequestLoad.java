package io.github.v8heapsnapshot.bench.latency;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * A steady, bounded request load on loopback: requests are started at a fixed rate,
 * whatever the answers' latency, on a bounded pool of client threads; each latency is
 * measured from the time the request was due, so that a stalled server shows as the
 * queue of requests it delayed rather than as one slow request.
 *
 * @author v8heapsnapshot developers
 * @since 0.2.0
 */
final class RequestLoad implements AutoCloseable {

	private static final int CLIENTS = 32;

	private final HttpClient client = HttpClient.newBuilder()
		.version(HttpClient.Version.HTTP_1_1)
		.connectTimeout(Duration.ofSeconds(5))
		.build();

	private final HttpRequest request;

	private final long periodNanos;

	private final ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor();

	private final ThreadPoolExecutor clients = new ThreadPoolExecutor(CLIENTS, CLIENTS, 1, TimeUnit.MINUTES,
			new ArrayBlockingQueue<>(1024));

	private final ConcurrentLinkedQueue<RequestSample> samples = new ConcurrentLinkedQueue<>();

	private final long start = System.nanoTime();

	private long ticks;

	RequestLoad(URI uri, int perSecond) {
		this.request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30)).build();
		this.periodNanos = TimeUnit.SECONDS.toNanos(1) / perSecond;
		this.ticker.scheduleAtFixedRate(this::tick, 0, this.periodNanos, TimeUnit.NANOSECONDS);
	}

	private void tick() {
		long due = this.start + this.ticks++ * this.periodNanos;
		try {
			this.clients.execute(() -> send(due));
		}
		catch (RejectedExecutionException ex) {
			this.samples.add(new RequestSample(due, System.nanoTime() - due, false));
		}
	}

	private void send(long due) {
		boolean ok;
		try {
			ok = this.client.send(this.request, BodyHandlers.discarding()).statusCode() == 200;
		}
		catch (IOException ex) {
			ok = false;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return;
		}
		this.samples.add(new RequestSample(due, System.nanoTime() - due, ok));
	}

	/**
	 * Returns the requests answered so far.
	 * @return the samples, in no particular order
	 */
	List<RequestSample> samples() {
		return List.copyOf(this.samples);
	}

	@Override
	public void close() throws InterruptedException {
		this.ticker.shutdownNow();
		this.clients.shutdown();
		this.clients.awaitTermination(40, TimeUnit.SECONDS);
	}

	/**
	 * One request.
	 *
	 * @param due when it was due to start, in {@link System#nanoTime()}
	 * @param latencyNanos from then until the answer
	 * @param ok whether it was answered with 200
	 */
	record RequestSample(long due, long latencyNanos, boolean ok) {

	}

}

package io.github.v8heapsnapshot.boot.pressure;

import java.time.Duration;
import java.time.Instant;

import io.github.v8heapsnapshot.boot.pressure.PressureEpisodes.Decision;
import io.github.v8heapsnapshot.boot.pressure.PressureEpisodes.State;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link PressureEpisodes}.
 *
 * @author v8heapsnapshot developers
 */
class PressureEpisodesTests {

	private static final Instant START = Instant.parse("2026-12-07T03:00:00Z");

	private final PressureEpisodes episodes = new PressureEpisodes(0.85, 0.75, 3, Duration.ofSeconds(10),
			Duration.ofMinutes(10), 2);

	@Test
	void capturesOnceWhenAnExactOccupancyCrossesTheThreshold() {
		assertThat(this.episodes.offer(exact(0.80, 0))).isEqualTo(Decision.NONE);
		assertThat(this.episodes.offer(exact(0.86, 1))).isEqualTo(Decision.CAPTURE);
		assertThat(this.episodes.state()).isEqualTo(State.CAPTURING);
		assertThat(this.episodes.offer(exact(0.90, 2))).isEqualTo(Decision.NONE);
		this.episodes.captureEnded(at(3));
		assertThat(this.episodes.offer(exact(0.95, 4))).isEqualTo(Decision.NONE);
		assertThat(this.episodes.state()).isEqualTo(State.COOLING);
	}

	@Test
	void needsUpperBoundsOnEnoughCollectionsSpanningTheWindow() {
		assertThat(this.episodes.offer(bound(0.90, 0))).isEqualTo(Decision.NONE);
		assertThat(this.episodes.offer(bound(0.90, 1))).isEqualTo(Decision.NONE);
		assertThat(this.episodes.offer(bound(0.90, 2))).as("three, but within 2 s").isEqualTo(Decision.NONE);
		assertThat(this.episodes.offer(bound(0.80, 5))).as("the streak breaks").isEqualTo(Decision.NONE);
		assertThat(this.episodes.offer(bound(0.90, 6))).isEqualTo(Decision.NONE);
		assertThat(this.episodes.offer(bound(0.90, 12))).isEqualTo(Decision.NONE);
		assertThat(this.episodes.offer(bound(0.90, 16))).isEqualTo(Decision.CAPTURE);
	}

	@Test
	void rearmsOnlyBelowTheMarkAndAfterTheCooldown() {
		this.episodes.offer(exact(0.90, 0));
		this.episodes.captureEnded(at(1));
		assertThat(this.episodes.offer(exact(0.80, 2))).as("above the re-arm mark").isEqualTo(Decision.NONE);
		assertThat(this.episodes.offer(exact(0.70, 3))).isEqualTo(Decision.NONE);
		assertThat(this.episodes.offer(exact(0.90, 4))).as("a new climb in the cool-down")
			.isEqualTo(Decision.SKIP_COOLDOWN);
		assertThat(this.episodes.offer(exact(0.95, 5))).as("the same climb").isEqualTo(Decision.NONE);
		assertThat(this.episodes.offer(exact(0.90, 700))).as("cool-down over, but no fall since")
			.isEqualTo(Decision.NONE);
		assertThat(this.episodes.offer(exact(0.50, 701))).isEqualTo(Decision.NONE);
		assertThat(this.episodes.state()).isEqualTo(State.ARMED);
		assertThat(this.episodes.offer(exact(0.90, 702))).isEqualTo(Decision.CAPTURE);
	}

	@Test
	void skipsEpisodesBeyondTheCap() {
		for (int i = 0; i < 2; i++) {
			assertThat(this.episodes.offer(exact(0.90, i * 1000))).isEqualTo(Decision.CAPTURE);
			this.episodes.captureEnded(at(i * 1000 + 1));
			this.episodes.offer(exact(0.50, i * 1000 + 700));
		}
		assertThat(this.episodes.offer(exact(0.90, 3000))).isEqualTo(Decision.SKIP_CAP);
		assertThat(this.episodes.offer(exact(0.90, 3001))).isEqualTo(Decision.NONE);
	}

	@Test
	void refusesARearmMarkAboveTheThreshold() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new PressureEpisodes(0.8, 0.9, 5, Duration.ZERO, Duration.ZERO, 1))
			.withMessageContaining("re-arm");
	}

	private static HeapOccupancy exact(double ratio, int second) {
		return occupancy(ratio, true, second);
	}

	private static HeapOccupancy bound(double ratio, int second) {
		return occupancy(ratio, false, second);
	}

	private static HeapOccupancy occupancy(double ratio, boolean exact, int second) {
		return new HeapOccupancy((long) (ratio * 1000), 1000, exact, "G1 Young Generation", "G1 Evacuation Pause",
				at(second));
	}

	private static Instant at(int second) {
		return START.plusSeconds(second);
	}

}

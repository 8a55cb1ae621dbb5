package io.github.v8heapsnapshot.boot.pressure;

import java.time.Duration;
import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * The episode state machine: one capture per climb of the long-lived heap above the
 * threshold, re-armed once the occupancy fell below a lower mark <em>and</em> the
 * cool-down passed, and at most a set number of captures per process.
 * <p>
 * Pressure is an exact occupancy at or above the threshold, or upper bounds at or above it
 * on a number of consecutive collections spanning a window: G1 before JDK 20 measures its
 * old generation only after mixed or full collections, so a steady leak shows up as upper
 * bounds alone. Thread-safe.
 *
 * @author v8heapsnapshot developers
 * @since 0.2.0
 */
public class PressureEpisodes {

	private final double threshold;

	private final double rearmBelow;

	private final int consecutiveGcs;

	private final Duration window;

	private final Duration cooldown;

	private final int maxCaptures;

	private State state = State.ARMED;

	private int captures;

	private int bounds;

	private @Nullable Instant boundsSince;

	private Instant coolingSince = Instant.MIN;

	private boolean fellBelow;

	/**
	 * Creates the state machine, armed.
	 * @param threshold the share of the long-lived heap that means pressure
	 * @param rearmBelow the share the heap must fall below before another episode counts
	 * @param consecutiveGcs how many upper bounds in a row mean pressure
	 * @param window how long those upper bounds must span
	 * @param cooldown the least time between the end of a capture and the next one
	 * @param maxCaptures the most captures per process
	 */
	public PressureEpisodes(double threshold, double rearmBelow, int consecutiveGcs, Duration window,
			Duration cooldown, int maxCaptures) {
		if (!(rearmBelow < threshold)) {
			throw new IllegalArgumentException(
					"The re-arm mark (" + rearmBelow + ") must be below the threshold (" + threshold + ")");
		}
		this.threshold = threshold;
		this.rearmBelow = rearmBelow;
		this.consecutiveGcs = consecutiveGcs;
		this.window = window;
		this.cooldown = cooldown;
		this.maxCaptures = maxCaptures;
	}

	/**
	 * Takes the occupancy a collection left and says what to do.
	 * @param occupancy the occupancy
	 * @return the decision
	 */
	public synchronized Decision offer(HeapOccupancy occupancy) {
		boolean pressure = isPressure(occupancy);
		if (occupancy.ratio() < this.rearmBelow) {
			this.fellBelow = true;
		}
		return switch (this.state) {
			case ARMED -> (pressure) ? startEpisode(occupancy.time()) : Decision.NONE;
			case CAPTURING -> Decision.NONE;
			case COOLING -> cool(pressure, occupancy.time());
		};
	}

	private Decision startEpisode(Instant time) {
		if (this.captures >= this.maxCaptures) {
			startCooling(time);
			return Decision.SKIP_CAP;
		}
		this.captures++;
		this.state = State.CAPTURING;
		return Decision.CAPTURE;
	}

	private Decision cool(boolean pressure, Instant time) {
		if (!this.fellBelow) {
			return Decision.NONE;
		}
		if (!time.isBefore(this.coolingSince.plus(this.cooldown))) {
			this.state = State.ARMED;
			return (pressure) ? startEpisode(time) : Decision.NONE;
		}
		if (pressure) {
			// A new climb while cooling down: an episode of its own, not captured
			this.fellBelow = false;
			return Decision.SKIP_COOLDOWN;
		}
		return Decision.NONE;
	}

	private boolean isPressure(HeapOccupancy occupancy) {
		if (occupancy.ratio() < this.threshold) {
			this.bounds = 0;
			this.boundsSince = null;
			return false;
		}
		if (occupancy.exact()) {
			return true;
		}
		if (this.boundsSince == null) {
			this.boundsSince = occupancy.time();
		}
		this.bounds++;
		return this.bounds >= this.consecutiveGcs
				&& !Duration.between(this.boundsSince, occupancy.time()).minus(this.window).isNegative();
	}

	/**
	 * Ends the capture that {@link Decision#CAPTURE} started, captured or not, and starts the
	 * cool-down.
	 * @param time when the capture ended
	 */
	public synchronized void captureEnded(Instant time) {
		if (this.state == State.CAPTURING) {
			startCooling(time);
		}
	}

	private void startCooling(Instant time) {
		this.state = State.COOLING;
		this.coolingSince = time;
		this.fellBelow = false;
		this.bounds = 0;
		this.boundsSince = null;
	}

	/**
	 * Returns the current state.
	 * @return the state
	 */
	public synchronized State state() {
		return this.state;
	}

	/**
	 * The states of the machine.
	 */
	public enum State {

		/**
		 * Waiting for pressure.
		 */
		ARMED,

		/**
		 * A capture of this episode is running.
		 */
		CAPTURING,

		/**
		 * Waiting for the heap to fall below the re-arm mark and the cool-down to pass.
		 */
		COOLING

	}

	/**
	 * What to do after a collection.
	 */
	public enum Decision {

		/**
		 * Nothing: no new episode.
		 */
		NONE,

		/**
		 * A new episode: capture the heap, then call {@link #captureEnded}.
		 */
		CAPTURE,

		/**
		 * A new episode that is not captured because the cap was reached.
		 */
		SKIP_CAP,

		/**
		 * A new episode that is not captured because it came within the cool-down.
		 */
		SKIP_COOLDOWN

	}

}

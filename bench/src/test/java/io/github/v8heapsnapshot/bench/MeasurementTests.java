package io.github.v8heapsnapshot.bench;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link Measurement}.
 *
 * @author v8heapsnapshot developers
 */
class MeasurementTests {

	@Test
	void lineRoundTrips() {
		Measurement measurement = Measurement.empty().with("nodes", 2_040_000).with("wallSeconds", 11.7);
		assertThat(measurement.toLine()).isEqualTo("RESULT nodes=2040000 wallSeconds=11.7");
		assertThat(Measurement.parse(measurement.toLine()).get("wallSeconds")).isEqualTo(11.7);
	}

	@Test
	void prefixedRenamesEveryValue() {
		Measurement measurement = Measurement.parse("RESULT nodes=3 edges=4").prefixed("node.");
		assertThat(measurement.get("node.nodes")).isEqualTo(3);
		assertThat(measurement.get("node.edges")).isEqualTo(4);
	}

	@Test
	void missingValueNamesTheLine() {
		assertThatIllegalArgumentException().isThrownBy(() -> Measurement.parse("RESULT nodes=3").get("edges"))
			.withMessageContaining("edges")
			.withMessageContaining("nodes=3");
	}

	@Test
	void otherLinesAreRefused() {
		assertThatIllegalArgumentException().isThrownBy(() -> Measurement.parse("nodes=3"));
		assertThatIllegalArgumentException().isThrownBy(() -> Measurement.parse("RESULT nodes"));
	}

}

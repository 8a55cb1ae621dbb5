package io.github.v8heapsnapshot.bench;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link Summary}.
 *
 * @author v8heapsnapshot developers
 */
class SummaryTests {

	@Test
	void medianOfAnOddCountIsTheMiddleValue() {
		Summary summary = Summary.of(List.of(9.0, 1.0, 4.0));
		assertThat(summary.median()).isEqualTo(4.0);
		assertThat(summary.min()).isEqualTo(1.0);
		assertThat(summary.max()).isEqualTo(9.0);
		assertThat(summary.format()).isEqualTo("4.00 (1.00–9.00)");
	}

	@Test
	void medianOfAnEvenCountIsTheMeanOfTheMiddleValues() {
		assertThat(Summary.of(List.of(3.0, 1.0, 10.0, 2.0)).median()).isEqualTo(2.5);
	}

	@Test
	void oneRunShowsItsValueAlone() {
		assertThat(Summary.of(List.of(123.456)).format()).isEqualTo("123");
	}

	@Test
	void formatKeepsAboutThreeSignificantDigits() {
		assertThat(Summary.format(0.01234)).isEqualTo("0.012");
		assertThat(Summary.format(1.2345)).isEqualTo("1.23");
		assertThat(Summary.format(12.345)).isEqualTo("12.3");
		assertThat(Summary.format(1234.5)).isEqualTo("1235");
	}

	@Test
	void noValuesIsAnError() {
		assertThatIllegalArgumentException().isThrownBy(() -> Summary.of(List.of()));
	}

	@Test
	void formatsASkippedFigureAsADash() {
		assertThat(Summary.of(List.of(Double.NaN)).format()).isEqualTo("–");
	}

}

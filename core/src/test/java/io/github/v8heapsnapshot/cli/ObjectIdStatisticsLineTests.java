package io.github.v8heapsnapshot.cli;

import io.github.v8heapsnapshot.convert.ObjectIdStatistics;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link ObjectIdStatisticsLine}.
 *
 * @author v8heapsnapshot developers
 */
class ObjectIdStatisticsLineTests {

	@Test
	void readsBackWhatItWritesAmongOtherLines() {
		ObjectIdStatistics statistics = new ObjectIdStatistics(1_234_567, 1_200_000, 1_000_000, 20_000, 3);
		String output = "INDEX  40%  120 MB/s\n" + ObjectIdStatisticsLine.format(statistics)
				+ "\nObject ids: 1,020,003 of the dump's 1,234,567 objects kept theirs\n";
		assertThat(ObjectIdStatisticsLine.format(statistics)).isEqualTo("v8heapsnapshot-object-ids: nodes=1234567 "
				+ "previous-nodes=1200000 kept-by-address=1000000 kept-by-content=20000 kept-by-place=3");
		assertThat(ObjectIdStatisticsLine.find(output)).hasValue(statistics);
	}

	@Test
	void findsNothingInOtherOutput() {
		assertThat(ObjectIdStatisticsLine.find("Object ids: the dump's 12 objects numbered afresh\n")).isEmpty();
	}

	@Test
	void refusesALineWithAMissingOrBadValue() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> ObjectIdStatisticsLine.find("v8heapsnapshot-object-ids: nodes=3 previous-nodes=0"))
			.withMessageContaining("No kept-by-address in");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> ObjectIdStatisticsLine.find("v8heapsnapshot-object-ids: nodes=3,000"))
			.withMessageContaining("Not a whole number: '3,000'");
	}

}

package io.github.v8heapsnapshot.boot.actuate.endpoint;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.github.v8heapsnapshot.boot.summary.SummaryState;
import io.github.v8heapsnapshot.summary.HeapSummary;
import io.github.v8heapsnapshot.summary.HeapSummary.ClassEntry;
import io.github.v8heapsnapshot.summary.HeapSummary.DuplicatedString;
import io.github.v8heapsnapshot.summary.HeapSummary.Retainer;
import io.github.v8heapsnapshot.summary.HeapSummary.Totals;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.actuate.endpoint.OperationResponseBody;

/**
 * The summary of a stored snapshot, as the endpoint answers it: pending while it is
 * computed, then ready with its data or unavailable with a reason.
 *
 * @param name the name of the snapshot
 * @param state where the summary is
 * @param reason why it is unavailable
 * @param totals the totals of the heap
 * @param classes every class, the most retaining first
 * @param retainers the objects that retain the most, with their paths from the roots
 * @param duplicatedStrings the strings that waste the most by being duplicated
 * @author v8heapsnapshot developers
 * @since 0.2.0
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SnapshotSummary(String name, SummaryState state, @Nullable String reason, @Nullable Totals totals,
		@Nullable List<ClassEntry> classes, @Nullable List<Retainer> retainers,
		@Nullable List<DuplicatedString> duplicatedStrings) implements OperationResponseBody {

	static SnapshotSummary pending(String name) {
		return new SnapshotSummary(name, SummaryState.PENDING, null, null, null, null, null);
	}

	static SnapshotSummary of(HeapSummary summary) {
		SummaryState state = HeapSummary.READY.equals(summary.state()) ? SummaryState.READY
				: SummaryState.UNAVAILABLE;
		return new SnapshotSummary(summary.name(), state, summary.reason(), summary.totals(), summary.classes(),
				summary.retainers(), summary.duplicatedStrings());
	}

}

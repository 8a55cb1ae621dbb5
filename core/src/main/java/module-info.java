/**
 * Converts HotSpot heap dumps into V8 {@code .heapsnapshot} files and summarizes them,
 * with bounded memory and no framework. Only the API is exported: the converter and its
 * options, the object layout it sizes objects with, the summarizer, cancelling either,
 * and the command line.
 * The HPROF reader, the index files, the object id table and the V8 writer are internal.
 */
module io.github.v8heapsnapshot.core {

	requires java.management;
	requires jdk.management;
	requires jdk.unsupported;
	requires static transitive org.jspecify;

	exports io.github.v8heapsnapshot.cancel;
	exports io.github.v8heapsnapshot.cli;
	exports io.github.v8heapsnapshot.convert;
	exports io.github.v8heapsnapshot.layout;
	exports io.github.v8heapsnapshot.summary;

}

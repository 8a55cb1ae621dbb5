package io.github.v8heapsnapshot.convert;

import io.github.v8heapsnapshot.hprof.ClassDump;

/**
 * A class as the link and write passes need it: its names in the strings table, its sizes,
 * and where the references sit in the field bytes of its instances.
 *
 * @author v8heapsnapshot developers
 * @since 0.1.0
 */
final class ClassModel {

	static final int NONE = -1;

	final int index;

	final ClassDump dump;

	final String name;

	int nameIndex;

	int shapeNameIndex;

	int payloadSize;

	long instanceSize;

	long mirrorSize;

	int[] refOffsets = new int[0];

	int[] refNames = new int[0];

	byte[] refEdgeTypes = new byte[0];

	boolean[] refSensitive = new boolean[0];

	int[] staticNames = new int[0];

	long[] staticValues = new long[0];

	byte[] staticEdgeTypes = new byte[0];

	boolean[] staticSensitive = new boolean[0];

	boolean string;

	int stringValueOffset = NONE;

	int stringCoderOffset = NONE;

	int threadNameOffset = NONE;

	int mapKeyOffset = NONE;

	int mapValueOffset = NONE;

	ClassModel(int index, ClassDump dump, String name) {
		this.index = index;
		this.dump = dump;
		this.name = name;
	}

}

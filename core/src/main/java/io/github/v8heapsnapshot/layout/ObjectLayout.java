package io.github.v8heapsnapshot.layout;

import java.lang.management.ManagementFactory;

import com.sun.management.HotSpotDiagnosticMXBean;

/**
 * How a HotSpot JVM lays out objects in its heap, which decides the shallow size of every
 * object. HPROF does not record these flags, so they come from the running JVM
 * ({@link #ofRunningJvm()}) or from the user ({@link #defaults(int)} and the {@code with…}
 * methods).
 *
 * @param javaVersion the feature version of the JVM that wrote the dump (17, 21, 25…)
 * @param compressedOops whether references take 4 bytes ({@code -XX:+UseCompressedOops})
 * @param compressedClassPointers whether class pointers take 4 bytes
 * ({@code -XX:+UseCompressedClassPointers})
 * @param compactObjectHeaders whether headers take 8 bytes
 * ({@code -XX:+UseCompactObjectHeaders}, JDK 24+)
 * @param objectAlignment the object alignment in bytes ({@code -XX:ObjectAlignmentInBytes})
 * @author v8heapsnapshot developers
 * @since 0.1.0
 */
public record ObjectLayout(int javaVersion, boolean compressedOops, boolean compressedClassPointers,
		boolean compactObjectHeaders, int objectAlignment) {

	/**
	 * Validates the layout.
	 * @param javaVersion the feature version of the JVM, at least 9
	 * @param compressedOops whether references are compressed
	 * @param compressedClassPointers whether class pointers are compressed
	 * @param compactObjectHeaders whether object headers are compact
	 * @param objectAlignment a power of two from 8 to 256
	 */
	public ObjectLayout {
		if (javaVersion < 9) {
			throw new IllegalArgumentException("Java version must be 9 or later, was " + javaVersion);
		}
		if (objectAlignment < 8 || objectAlignment > 256 || Integer.bitCount(objectAlignment) != 1) {
			throw new IllegalArgumentException("Object alignment must be a power of two from 8 to 256, was " + objectAlignment);
		}
	}

	/**
	 * Returns the default layout of a JVM of the given version with a heap under 32 GB:
	 * compressed references and class pointers, regular headers, 8-byte alignment.
	 * @param javaVersion the feature version
	 * @return the default layout
	 */
	public static ObjectLayout defaults(int javaVersion) {
		return new ObjectLayout(javaVersion, true, true, false, 8);
	}

	/**
	 * Reads the layout of the JVM this code runs in.
	 * @return the running JVM's layout
	 */
	public static ObjectLayout ofRunningJvm() {
		HotSpotDiagnosticMXBean diagnostics = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
		int version = Runtime.version().feature();
		return new ObjectLayout(version, flag(diagnostics, "UseCompressedOops", true),
				flag(diagnostics, "UseCompressedClassPointers", true),
				flag(diagnostics, "UseCompactObjectHeaders", false),
				Integer.parseInt(option(diagnostics, "ObjectAlignmentInBytes", "8")));
	}

	private static boolean flag(HotSpotDiagnosticMXBean diagnostics, String name, boolean fallback) {
		return Boolean.parseBoolean(option(diagnostics, name, Boolean.toString(fallback)));
	}

	private static String option(HotSpotDiagnosticMXBean diagnostics, String name, String fallback) {
		try {
			return diagnostics.getVMOption(name).getValue();
		}
		catch (IllegalArgumentException ex) {
			// The option does not exist in this JVM (UseCompactObjectHeaders before JDK 24)
			return fallback;
		}
	}

	/**
	 * Returns the size of a reference field or array element.
	 * @return 4 with compressed references, else 8
	 */
	public int referenceSize() {
		return this.compressedOops ? 4 : 8;
	}

	/**
	 * Returns the offset of the first instance field, which is also the offset of an array's
	 * length.
	 * @return 8, 12 or 16
	 */
	public int headerSize() {
		if (this.compactObjectHeaders) {
			return 8;
		}
		return this.compressedClassPointers ? 12 : 16;
	}

	/**
	 * Returns the shallow size of an instance whose fields (its class's and all
	 * superclasses') take the given number of bytes in the heap.
	 * @param fieldBytes the sum of the field sizes, references counted as
	 * {@link #referenceSize()}
	 * @return the shallow size in bytes
	 */
	public long instanceSize(long fieldBytes) {
		return align(headerSize() + fieldBytes);
	}

	/**
	 * Returns where the instance fields of a class end, counting the fields the JVM injects
	 * into some JDK classes and the padding around {@code @Contended} fields, neither of which
	 * HPROF lists.
	 * @param superEnd where the fields of the superclass end ({@link #headerSize()} for
	 * {@code java.lang.Object})
	 * @param className the binary name of the class
	 * @param fieldNames the names of the instance fields the class declares
	 * @param fieldSizes their sizes in the heap, references counted as
	 * {@link #referenceSize()}
	 * @param references which of them are references
	 * @return the offset after the last field or padding, which the shallow size aligns
	 * @since 0.2.0
	 * @see #alignedSize(long)
	 */
	public long fieldsEnd(long superEnd, String className, String[] fieldNames, int[] fieldSizes,
			boolean[] references) {
		return HiddenFields.fieldsEnd(this, superEnd, className, fieldNames, fieldSizes, references);
	}

	/**
	 * Returns the shallow size of an instance whose fields end at the given offset.
	 * @param fieldsEnd the offset after the last field
	 * @return the shallow size in bytes
	 * @since 0.2.0
	 */
	public long alignedSize(long fieldsEnd) {
		return align(fieldsEnd);
	}

	/**
	 * Returns the shallow size of an array.
	 * @param length the number of elements
	 * @param elementSize the size of one element in the heap (references as
	 * {@link #referenceSize()})
	 * @return the shallow size in bytes
	 */
	public long arraySize(long length, int elementSize) {
		return align(arrayBaseOffset(elementSize) + length * elementSize);
	}

	/**
	 * Returns the offset of an array's first element.
	 * @param elementSize the size of one element in the heap
	 * @return the base offset in bytes
	 */
	public int arrayBaseOffset(int elementSize) {
		int base = headerSize() + 4;
		if (this.javaVersion < 22 || elementSize == 8) {
			return alignUp(base, 8);
		}
		return base;
	}

	/**
	 * Returns the shallow size of a {@code java.lang.Class} mirror whose static fields take
	 * the given number of bytes. The fields of {@code Class} itself include fields that the
	 * JVM injects and HPROF does not list, so its base size is the one measured for each
	 * layout.
	 * @param staticFieldBytes the sum of the static field sizes
	 * @return the shallow size in bytes
	 */
	public long classMirrorSize(long staticFieldBytes) {
		return align(classBaseSize() + staticFieldBytes);
	}

	private int classBaseSize() {
		if (this.javaVersion < 24) {
			return this.compressedOops ? 112 : 176;
		}
		if (this.compactObjectHeaders) {
			return this.compressedOops ? 112 : 184;
		}
		return this.compressedOops ? 120 : 192;
	}

	private long align(long size) {
		return (size + this.objectAlignment - 1) & -this.objectAlignment;
	}

	private static int alignUp(int size, int alignment) {
		return (size + alignment - 1) & -alignment;
	}

}

package io.github.v8heapsnapshot.hprof;

/**
 * The basic types of HPROF field values and array elements.
 *
 * @author v8heapsnapshot developers
 * @since 0.1.0
 */
public final class BasicType {

	/**
	 * An object reference.
	 */
	public static final int OBJECT = 2;

	/**
	 * A {@code boolean}.
	 */
	public static final int BOOLEAN = 4;

	/**
	 * A {@code char}.
	 */
	public static final int CHAR = 5;

	/**
	 * A {@code float}.
	 */
	public static final int FLOAT = 6;

	/**
	 * A {@code double}.
	 */
	public static final int DOUBLE = 7;

	/**
	 * A {@code byte}.
	 */
	public static final int BYTE = 8;

	/**
	 * A {@code short}.
	 */
	public static final int SHORT = 9;

	/**
	 * An {@code int}.
	 */
	public static final int INT = 10;

	/**
	 * A {@code long}.
	 */
	public static final int LONG = 11;

	private static final String[] NAMES = { null, null, null, null, "boolean", "char", "float", "double", "byte",
			"short", "int", "long" };

	private static final int[] SIZES = { 0, 0, 0, 0, 1, 2, 4, 8, 1, 2, 4, 8 };

	private BasicType() {
	}

	/**
	 * Returns whether the code names a primitive type.
	 * @param type the type code
	 * @return {@code true} for codes 4 to 11
	 */
	public static boolean isPrimitive(int type) {
		return type >= BOOLEAN && type <= LONG;
	}

	/**
	 * Returns the size of a value of the type, both in HPROF and in the heap; references are
	 * not primitive and have no fixed size.
	 * @param type a primitive type code
	 * @return the size in bytes
	 */
	public static int primitiveSize(int type) {
		return SIZES[type];
	}

	/**
	 * Returns the size of a value of the type in HPROF records.
	 * @param type the type code
	 * @param idSize the identifier size of the file
	 * @return the size in bytes, or -1 for an unknown code
	 */
	public static int recordSize(int type, int idSize) {
		if (type == OBJECT) {
			return idSize;
		}
		return isPrimitive(type) ? SIZES[type] : -1;
	}

	/**
	 * Returns the Java name of a primitive type.
	 * @param type a primitive type code
	 * @return the name, such as {@code int}
	 */
	public static String javaName(int type) {
		return NAMES[type];
	}

}

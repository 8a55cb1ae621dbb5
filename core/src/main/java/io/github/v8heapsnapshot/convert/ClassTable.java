package io.github.v8heapsnapshot.convert;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import io.github.v8heapsnapshot.hprof.BasicType;
import io.github.v8heapsnapshot.hprof.ClassDump;
import io.github.v8heapsnapshot.hprof.HprofFormatException;
import io.github.v8heapsnapshot.index.LongIntMap;
import io.github.v8heapsnapshot.layout.ObjectLayout;
import io.github.v8heapsnapshot.v8.SnapshotFormat;
import io.github.v8heapsnapshot.v8.StringTable;

/**
 * The classes of a dump, resolved once all CLASS_DUMPs are read: hierarchy, flattened
 * reference fields (following each CLASS_DUMP's field order, which differs between JDKs),
 * names and shallow sizes.
 *
 * @author v8heapsnapshot developers
 * @since 0.1.0
 */
final class ClassTable {

	private static final Set<String> MAP_ENTRIES = Set.of("java.util.HashMap$Node", "java.util.LinkedHashMap$Entry",
			"java.util.concurrent.ConcurrentHashMap$Node", "java.util.TreeMap$Entry", "java.util.Hashtable$Entry");

	private final ClassModel[] classes;

	private final LongIntMap byId = new LongIntMap();

	private boolean utf16LittleEndian = true;

	private ClassTable(ClassModel[] classes) {
		this.classes = classes;
		for (ClassModel model : classes) {
			this.byId.put(model.dump.classId(), model.index);
		}
	}

	/**
	 * Resolves the classes of a dump.
	 * @throws HprofFormatException if a superclass is missing or the hierarchy loops
	 */
	static ClassTable build(HeapModel heap, ObjectLayout layout, StringTable strings, RedactionPolicy redaction)
			throws IOException {
		List<HeapModel.ClassDumpRecord> dumps = heap.classDumps;
		ClassModel[] classes = new ClassModel[dumps.size()];
		for (int i = 0; i < classes.length; i++) {
			ClassDump dump = dumps.get(i).dump();
			int load = heap.classNameIds.get(dump.classId(), -1);
			String internal = (load >= 0) ? heap.symbol(heap.loadClassNames.get(load)) : null;
			String name = (internal != null) ? binaryName(internal)
					: "unknown class 0x" + Long.toHexString(dump.classId());
			classes[i] = new ClassModel(i, dump, name);
		}
		ClassTable table = new ClassTable(classes);
		table.checkHierarchy(heap);
		Map<Long, String> fieldNames = new HashMap<>();
		long[] fieldsEnds = new long[classes.length];
		for (ClassModel model : classes) {
			model.nameIndex = strings.intern(model.name);
			model.shapeNameIndex = strings.intern("class " + model.name);
			table.resolveFields(model, heap, strings, redaction, fieldNames);
			model.instanceSize = model.name.equals("java.lang.Class") ? layout.classMirrorSize(0)
					: layout.alignedSize(table.fieldsEnd(model, heap, layout, fieldNames, fieldsEnds));
			table.resolveStatics(model, heap, layout, strings, redaction, fieldNames);
		}
		ClassModel utf16 = table.byName("java.lang.StringUTF16");
		if (utf16 != null) {
			ClassDump dump = utf16.dump;
			for (int i = 0; i < dump.staticNameIds().length; i++) {
				if ("HI_BYTE_SHIFT".equals(name(heap, fieldNames, dump.staticNameIds()[i]))) {
					table.utf16LittleEndian = dump.staticValues()[i] == 0;
				}
			}
		}
		return table;
	}

	private void checkHierarchy(HeapModel heap) throws HprofFormatException {
		if (this.byId.size() != this.classes.length) {
			for (int i = 0; i < this.classes.length; i++) {
				if (this.byId.get(this.classes[i].dump.classId(), -1) != i) {
					throw classError(heap, i, "repeats class id 0x" + Long.toHexString(this.classes[i].dump.classId()));
				}
			}
		}
		for (int i = 0; i < this.classes.length; i++) {
			ClassModel current = this.classes[i];
			int depth = 0;
			while (current.dump.superId() != 0) {
				ClassModel superclass = byId(current.dump.superId());
				if (superclass == null) {
					throw classError(heap, current.index,
							"names superclass 0x" + Long.toHexString(current.dump.superId()) + ", which is not in the dump");
				}
				if (++depth > this.classes.length) {
					throw classError(heap, i, "has a superclass chain that loops");
				}
				current = superclass;
			}
		}
	}

	private HprofFormatException classError(HeapModel heap, int index, String problem) {
		long offset = heap.classDumps.get(index).offset();
		return new HprofFormatException(
				"CLASS_DUMP of " + this.classes[index].name + " at offset " + offset + " " + problem, offset);
	}

	private @Nullable ClassModel byName(String name) {
		for (ClassModel model : this.classes) {
			if (model.name.equals(name)) {
				return model;
			}
		}
		return null;
	}

	int size() {
		return this.classes.length;
	}

	ClassModel get(int index) {
		return this.classes[index];
	}

	@Nullable ClassModel byId(long id) {
		int index = this.byId.get(id, -1);
		return (index >= 0) ? this.classes[index] : null;
	}

	int indexOf(long id) {
		return this.byId.get(id, -1);
	}

	boolean utf16LittleEndian() {
		return this.utf16LittleEndian;
	}

	private List<ClassModel> chain(ClassModel model) {
		List<ClassModel> chain = new ArrayList<>();
		ClassModel current = model;
		while (current != null) {
			chain.add(current);
			current = byId(current.dump.superId());
		}
		return chain;
	}

	private void resolveFields(ClassModel model, HeapModel heap, StringTable strings, RedactionPolicy redaction,
			Map<Long, String> fieldNames) throws IOException {
		List<ClassModel> chain = chain(model);
		Map<String, Integer> occurrences = new HashMap<>();
		for (ClassModel declaring : chain) {
			for (long nameId : declaring.dump.fieldNameIds()) {
				occurrences.merge(name(heap, fieldNames, nameId), 1, Integer::sum);
			}
		}
		Map<String, ClassModel> firstDeclaring = new HashMap<>();
		List<Integer> offsets = new ArrayList<>();
		List<String> names = new ArrayList<>();
		List<Boolean> weak = new ArrayList<>();
		List<Boolean> entryKeys = new ArrayList<>();
		int offset = 0;
		boolean entry = false;
		for (ClassModel declaring : chain) {
			ClassDump dump = declaring.dump;
			boolean mapEntry = MAP_ENTRIES.contains(declaring.name);
			entry |= mapEntry;
			for (int i = 0; i < dump.fieldNameIds().length; i++) {
				String field = name(heap, fieldNames, dump.fieldNameIds()[i]);
				int type = dump.fieldTypes()[i];
				ClassModel first = firstDeclaring.putIfAbsent(field, declaring);
				String edgeName = (occurrences.getOrDefault(field, 0) > 1 && first != null && first != declaring)
						? simpleName(declaring.name) + "." + field : field;
				if (type == BasicType.OBJECT) {
					offsets.add(offset);
					names.add(edgeName);
					weak.add(declaring.name.equals("java.lang.ref.Reference") && field.equals("referent"));
					entryKeys.add(mapEntry && field.equals("key"));
					if (declaring.name.equals("java.lang.String") && field.equals("value")) {
						model.stringValueOffset = offset;
					}
					if (declaring.name.equals("java.lang.Thread") && field.equals("name")) {
						model.threadNameOffset = offset;
					}
					if (mapEntry && field.equals("key")) {
						model.mapKeyOffset = offset;
					}
					if (mapEntry && (field.equals("value") || field.equals("val"))) {
						model.mapValueOffset = offset;
					}
				}
				else {
					if (declaring.name.equals("java.lang.String") && field.equals("coder")
							&& type == BasicType.BYTE) {
						model.stringCoderOffset = offset;
					}
				}
				offset += BasicType.recordSize(type, heap.idSize);
			}
		}
		if (!entry) {
			model.mapKeyOffset = ClassModel.NONE;
			model.mapValueOffset = ClassModel.NONE;
		}
		model.string = model.name.equals("java.lang.String") && model.stringValueOffset != ClassModel.NONE;
		model.payloadSize = offset;
		model.refOffsets = offsets.stream().mapToInt(Integer::intValue).toArray();
		model.refNames = new int[names.size()];
		model.refEdgeTypes = new byte[names.size()];
		model.refSensitive = new boolean[names.size()];
		for (int i = 0; i < names.size(); i++) {
			model.refNames[i] = strings.intern(names.get(i));
			model.refEdgeTypes[i] = (byte) (weak.get(i) ? SnapshotFormat.EDGE_WEAK : SnapshotFormat.EDGE_PROPERTY);
			// A map's keys are names, not values: the entry rule looks at them instead
			model.refSensitive[i] = !entryKeys.get(i) && redaction.isSensitiveName(names.get(i));
		}
	}

	// Where the fields of a class end in the heap, its superclasses' first
	private long fieldsEnd(ClassModel model, HeapModel heap, ObjectLayout layout, Map<Long, String> fieldNames,
			long[] ends) throws IOException {
		if (ends[model.index] != 0) {
			return ends[model.index];
		}
		ClassModel superclass = byId(model.dump.superId());
		long superEnd = (superclass != null) ? fieldsEnd(superclass, heap, layout, fieldNames, ends)
				: layout.headerSize();
		ClassDump dump = model.dump;
		String[] names = new String[dump.fieldNameIds().length];
		int[] sizes = new int[names.length];
		boolean[] references = new boolean[names.length];
		for (int i = 0; i < names.length; i++) {
			names[i] = name(heap, fieldNames, dump.fieldNameIds()[i]);
			int type = dump.fieldTypes()[i];
			references[i] = type == BasicType.OBJECT;
			sizes[i] = references[i] ? layout.referenceSize() : BasicType.primitiveSize(type);
		}
		ends[model.index] = layout.fieldsEnd(superEnd, model.name, names, sizes, references);
		return ends[model.index];
	}

	private void resolveStatics(ClassModel model, HeapModel heap, ObjectLayout layout, StringTable strings,
			RedactionPolicy redaction, Map<Long, String> fieldNames) throws IOException {
		ClassDump dump = model.dump;
		long staticBytes = 0;
		List<StaticReference> references = new ArrayList<>(List.of(new StaticReference("<super>", dump.superId(), false),
				new StaticReference("<classloader>", dump.loaderId(), false),
				new StaticReference("<signers>", dump.signersId(), false),
				new StaticReference("<protection domain>", dump.protectionDomainId(), false)));
		for (int i = 0; i < dump.staticNameIds().length; i++) {
			String field = name(heap, fieldNames, dump.staticNameIds()[i]);
			int type = dump.staticTypes()[i];
			boolean pseudo = field.startsWith("<");
			if (type == BasicType.OBJECT) {
				if (!pseudo) {
					staticBytes += layout.referenceSize();
				}
				references.add(new StaticReference(field, dump.staticValues()[i], true));
			}
			else if (!pseudo) {
				staticBytes += BasicType.primitiveSize(type);
			}
		}
		model.mirrorSize = layout.classMirrorSize(staticBytes);
		int count = references.size();
		model.staticNames = new int[count];
		model.staticValues = new long[count];
		model.staticEdgeTypes = new byte[count];
		model.staticSensitive = new boolean[count];
		for (int i = 0; i < count; i++) {
			StaticReference reference = references.get(i);
			model.staticNames[i] = strings.intern(reference.name());
			model.staticValues[i] = reference.value();
			model.staticEdgeTypes[i] = (byte) ((reference.declared() && !reference.name().startsWith("<"))
					? SnapshotFormat.EDGE_PROPERTY : SnapshotFormat.EDGE_INTERNAL);
			model.staticSensitive[i] = reference.declared() && redaction.isSensitiveName(reference.name());
		}
	}

	private static String name(HeapModel heap, Map<Long, String> cache, long id) throws IOException {
		String name = cache.get(id);
		if (name == null) {
			name = heap.symbol(id, "field 0x" + Long.toHexString(id));
			cache.put(id, name);
		}
		return name;
	}

	static String simpleName(String binaryName) {
		return binaryName.substring(binaryName.lastIndexOf('.') + 1);
	}

	/**
	 * Turns an internal class name ({@code java/util/HashMap$Node}, {@code [[I},
	 * {@code [Ljava/lang/Object;}) into the name {@code Class.getName()} would print for
	 * instances ({@code java.util.HashMap$Node}) or the Java source form for arrays
	 * ({@code int[][]}, {@code java.lang.Object[]}).
	 */
	static String binaryName(String internal) {
		int dimensions = 0;
		while (dimensions < internal.length() && internal.charAt(dimensions) == '[') {
			dimensions++;
		}
		if (dimensions == 0) {
			return internal.replace('/', '.').replace("+0x", "/0x");
		}
		String element = internal.substring(dimensions);
		String base = switch (element) {
			case "Z" -> "boolean";
			case "B" -> "byte";
			case "C" -> "char";
			case "S" -> "short";
			case "I" -> "int";
			case "J" -> "long";
			case "F" -> "float";
			case "D" -> "double";
			default -> binaryName(
					(element.startsWith("L") && element.endsWith(";")) ? element.substring(1, element.length() - 1)
							: element);
		};
		return base + "[]".repeat(dimensions);
	}

	/**
	 * A reference a class mirror holds: one the dump gives every class (its superclass,
	 * loader, signers and protection domain) or a declared static field.
	 *
	 * @param name the edge's name
	 * @param value the object id
	 * @param declared whether the class declares it
	 */
	private record StaticReference(String name, long value, boolean declared) {
	}

}

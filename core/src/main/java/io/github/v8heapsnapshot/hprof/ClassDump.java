package io.github.v8heapsnapshot.hprof;

/**
 * A CLASS_DUMP sub-record: a class, its statics and the descriptors of its own instance
 * fields, in file order.
 *
 * @param classId the id of the class object
 * @param superId the id of the superclass, 0 for none
 * @param loaderId the id of the class loader, 0 for the boot loader
 * @param signersId the id of the signers, or 0
 * @param protectionDomainId the id of the protection domain, or 0
 * @param instanceSize the HPROF size of the fields of an instance, inherited fields included
 * @param staticNameIds the name ids of the static fields
 * @param staticTypes the basic types of the static fields
 * @param staticValues the values of the static fields (ids for references, raw bits for
 * primitives)
 * @param fieldNameIds the name ids of this class's own instance fields
 * @param fieldTypes the basic types of this class's own instance fields
 * @author v8heapsnapshot developers
 * @since 0.1.0
 */
public record ClassDump(long classId, long superId, long loaderId, long signersId, long protectionDomainId,
		int instanceSize, long[] staticNameIds, byte[] staticTypes, long[] staticValues, long[] fieldNameIds,
		byte[] fieldTypes) {

}

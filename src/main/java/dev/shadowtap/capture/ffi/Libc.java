package dev.shadowtap.capture.ffi;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

/**
 * The few libc calls a packet socket needs, as downcall handles. Every call that can fail takes an
 * errno segment (see {@link #errnoSegment}) filled through {@code captureCallState("errno")}, so the
 * errno read after the call is the one that call set, whatever the JVM did in between.
 */
final class Libc {
    static final int AF_PACKET = 17;
    static final int SOCK_RAW = 3;
    static final int SOCK_CLOEXEC = 0x80000;
    static final int ETH_P_ALL = 3;
    static final int SOL_SOCKET = 1;
    static final int SO_ATTACH_FILTER = 26;
    static final int SOL_PACKET = 263;
    static final int PACKET_ADD_MEMBERSHIP = 1;
    static final int PACKET_MR_PROMISC = 1;
    static final int PACKET_RX_RING = 5;
    static final int PACKET_STATISTICS = 6;
    static final int PACKET_VERSION = 10;
    static final int PACKET_IGNORE_OUTGOING = 23;
    static final int TPACKET_V3 = 2;
    static final int PROT_READ = 1;
    static final int PROT_WRITE = 2;
    static final int MAP_SHARED = 1;
    static final short POLLIN = 1;
    static final short POLLERR = 8;
    static final int EPERM = 1;
    static final int EINTR = 4;
    static final int EACCES = 13;
    static final int ENODEV = 19;

    private static final Linker LINKER = Linker.nativeLinker();
    private static final StructLayout CALL_STATE = Linker.Option.captureStateLayout();
    private static final VarHandle ERRNO = CALL_STATE.varHandle(MemoryLayout.PathElement.groupElement("errno"));
    private static final Linker.Option KEEP_ERRNO = Linker.Option.captureCallState("errno");

    private static final MethodHandle SOCKET = errnoCall("socket",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT));
    private static final MethodHandle SETSOCKOPT = errnoCall("setsockopt",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT));
    private static final MethodHandle GETSOCKOPT = errnoCall("getsockopt",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT, ADDRESS, ADDRESS));
    private static final MethodHandle BIND = errnoCall("bind",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT));
    private static final MethodHandle MMAP = errnoCall("mmap",
            FunctionDescriptor.of(ADDRESS, ADDRESS, JAVA_LONG, JAVA_INT, JAVA_INT, JAVA_INT, JAVA_LONG));
    private static final MethodHandle MUNMAP = errnoCall("munmap",
            FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_LONG));
    private static final MethodHandle POLL = errnoCall("poll",
            FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_LONG, JAVA_INT));
    private static final MethodHandle CLOSE = errnoCall("close",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT));
    private static final MethodHandle IF_NAMETOINDEX = errnoCall("if_nametoindex",
            FunctionDescriptor.of(JAVA_INT, ADDRESS));
    private static final MethodHandle STRERROR = LINKER.downcallHandle(
            LINKER.defaultLookup().findOrThrow("strerror"),
            FunctionDescriptor.of(ADDRESS, JAVA_INT));

    private Libc() {
    }

    private static MethodHandle errnoCall(String name, FunctionDescriptor descriptor) {
        return LINKER.downcallHandle(LINKER.defaultLookup().findOrThrow(name), descriptor, KEEP_ERRNO);
    }

    /** A segment to pass as the first argument of the calls below; read it with {@link #errno}. */
    static MemorySegment errnoSegment(Arena arena) {
        return arena.allocate(CALL_STATE);
    }

    static int errno(MemorySegment state) {
        return (int) ERRNO.get(state, 0L);
    }

    /** The C library's text for an errno value ("Operation not permitted"). */
    static String strerror(int errno) {
        try {
            MemorySegment text = (MemorySegment) STRERROR.invokeExact(errno);
            return text.reinterpret(256).getString(0);
        } catch (Throwable t) {
            throw unexpected(t);
        }
    }

    /** Network byte order of a 16-bit value, as C's {@code htons}. */
    static short htons(int value) {
        short s = (short) value;
        return ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN ? Short.reverseBytes(s) : s;
    }

    static int socket(MemorySegment err, int domain, int type, int protocol) {
        try {
            return (int) SOCKET.invokeExact(err, domain, type, protocol);
        } catch (Throwable t) {
            throw unexpected(t);
        }
    }

    static int setsockopt(MemorySegment err, int fd, int level, int name, MemorySegment value) {
        try {
            return (int) SETSOCKOPT.invokeExact(err, fd, level, name, value, (int) value.byteSize());
        } catch (Throwable t) {
            throw unexpected(t);
        }
    }

    static int getsockopt(MemorySegment err, int fd, int level, int name, MemorySegment value, MemorySegment length) {
        try {
            return (int) GETSOCKOPT.invokeExact(err, fd, level, name, value, length);
        } catch (Throwable t) {
            throw unexpected(t);
        }
    }

    static int bind(MemorySegment err, int fd, MemorySegment address) {
        try {
            return (int) BIND.invokeExact(err, fd, address, (int) address.byteSize());
        } catch (Throwable t) {
            throw unexpected(t);
        }
    }

    /** Maps {@code length} bytes of {@code fd}; the answer is MAP_FAILED ((void *) -1) on error. */
    static MemorySegment mmap(MemorySegment err, long length, int prot, int flags, int fd) {
        try {
            return (MemorySegment) MMAP.invokeExact(err, MemorySegment.NULL, length, prot, flags, fd, 0L);
        } catch (Throwable t) {
            throw unexpected(t);
        }
    }

    static boolean mapFailed(MemorySegment mapped) {
        return mapped.address() == -1L;
    }

    static int munmap(MemorySegment err, MemorySegment address, long length) {
        try {
            return (int) MUNMAP.invokeExact(err, address, length);
        } catch (Throwable t) {
            throw unexpected(t);
        }
    }

    static int poll(MemorySegment err, MemorySegment fds, long count, int timeoutMillis) {
        try {
            return (int) POLL.invokeExact(err, fds, count, timeoutMillis);
        } catch (Throwable t) {
            throw unexpected(t);
        }
    }

    static int close(MemorySegment err, int fd) {
        try {
            return (int) CLOSE.invokeExact(err, fd);
        } catch (Throwable t) {
            throw unexpected(t);
        }
    }

    /** The index of a network interface, or 0 when there is none by that name. */
    static int ifNameToIndex(MemorySegment err, String name) {
        try (Arena arena = Arena.ofConfined()) {
            return (int) IF_NAMETOINDEX.invokeExact(err, arena.allocateFrom(name));
        } catch (Throwable t) {
            throw unexpected(t);
        }
    }

    /** A native call failed in a way that is a bug (wrong descriptor), not a user mistake. */
    static RuntimeException unexpected(Throwable t) {
        if (t instanceof RuntimeException r) {
            return r;
        }
        if (t instanceof Error e) {
            throw e;
        }
        return new IllegalStateException("native call failed: " + t, t);
    }
}

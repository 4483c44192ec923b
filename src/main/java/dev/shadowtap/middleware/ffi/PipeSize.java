package dev.shadowtap.middleware.ffi;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;

/**
 * The size of the pipes between shadowtap and a middleware program (Linux's {@code F_SETPIPE_SZ}).
 * The default 64 KB holds four lines of 8 KB messages: every few lines each side waits for the
 * other, and on two cores those waits leave a core idle. A pipe is reached through the program's
 * own descriptors, {@code /proc/PID/fd/N}: opening one opens the same pipe, whose size is then set
 * and the extra descriptor closed. Best effort: where it cannot be done (not Linux, a program gone
 * already, a limit below the size asked), the pipe keeps its size and everything still works. Foreign
 * calls live in packages named {@code ffi} (ArchitectureTest), this one the middleware's.
 */
public final class PipeSize {
    /** What a middleware's pipes are given: Linux's default limit for unprivileged users (fs.pipe-max-size). */
    public static final int BYTES = 1 << 20;
    private static final int F_SETPIPE_SZ = 1031;
    private static final int F_GETPIPE_SZ = 1032;
    private static final int O_RDONLY_NONBLOCK_CLOEXEC = 0 | 04000 | 02000000;
    private static final MethodHandle OPEN;
    private static final MethodHandle FCNTL;
    private static final MethodHandle CLOSE;

    static {
        MethodHandle open = null;
        MethodHandle fcntl = null;
        MethodHandle close = null;
        try {
            Linker linker = Linker.nativeLinker();
            var libc = linker.defaultLookup();
            open = linker.downcallHandle(libc.find("open").orElseThrow(),
                    FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT), Linker.Option.firstVariadicArg(2));
            fcntl = linker.downcallHandle(libc.find("fcntl").orElseThrow(),
                    FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT), Linker.Option.firstVariadicArg(2));
            close = linker.downcallHandle(libc.find("close").orElseThrow(), FunctionDescriptor.of(JAVA_INT, JAVA_INT));
        } catch (RuntimeException | LinkageError e) {
            // no such calls here: pipes keep their size
        }
        OPEN = open;
        FCNTL = fcntl;
        CLOSE = close;
    }

    private PipeSize() {
    }

    /** Sets the pipe on descriptor {@code fd} of process {@code pid} to {@code bytes}; true when it took. */
    public static boolean set(long pid, int fd, int bytes) {
        return call(pid, fd, F_SETPIPE_SZ, bytes) >= bytes;
    }

    /** The size of the pipe on descriptor {@code fd} of process {@code pid}; -1 when it cannot be read. */
    public static int of(long pid, int fd) {
        return call(pid, fd, F_GETPIPE_SZ, 0);
    }

    private static int call(long pid, int fd, int command, int argument) {
        if (OPEN == null) {
            return -1;
        }
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment path = arena.allocateFrom("/proc/" + pid + "/fd/" + fd);
            int opened = (int) OPEN.invokeExact(path, O_RDONLY_NONBLOCK_CLOEXEC);
            if (opened < 0) {
                return -1;
            }
            try {
                return (int) FCNTL.invokeExact(opened, command, argument);
            } finally {
                int ignored = (int) CLOSE.invokeExact(opened);
            }
        } catch (Throwable e) {
            return -1;
        }
    }
}

package dev.shadowtap.capture.ffi;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;
import java.util.List;
import java.util.Optional;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;

/**
 * Downcall handles into the system libpcap ({@code libpcap.so.0.8} on Debian, {@code libpcap.so.1}
 * elsewhere). One instance per user; loading twice only bumps the loader's reference count.
 * Pointers to {@code pcap_t} are plain {@link MemorySegment}s.
 */
public final class Libpcap {
    static final List<String> LIBRARY_NAMES = List.of("libpcap.so.0.8", "libpcap.so.1", "libpcap.so");
    static final String MISSING = "libpcap is not installed: apt-get install libpcap0.8";
    static final int ERRBUF_SIZE = 256;
    static final int NETMASK_UNKNOWN = 0xFFFFFFFF;
    static final int TSTAMP_PRECISION_MICRO = 0;
    static final int TSTAMP_PRECISION_NANO = 1;

    private final MethodHandle create;
    private final MethodHandle setSnaplen;
    private final MethodHandle setPromisc;
    private final MethodHandle setImmediateMode;
    private final MethodHandle setTimeout;
    private final MethodHandle setBufferSize;
    private final MethodHandle setTstampType;
    private final MethodHandle tstampTypeNameToVal;
    private final Optional<MethodHandle> setTstampPrecision;
    private final Optional<MethodHandle> getTstampPrecision;
    private final MethodHandle activate;
    private final MethodHandle geterr;
    private final MethodHandle statustostr;
    private final MethodHandle datalink;
    private final MethodHandle compile;
    private final MethodHandle setfilter;
    private final MethodHandle freecode;
    private final MethodHandle nextEx;
    private final MethodHandle stats;
    private final MethodHandle setnonblock;
    private final MethodHandle selectableFd;
    private final MethodHandle close;
    private final MethodHandle openDead;
    private final MethodHandle libVersion;
    private final MethodHandle setDatalink;
    private final MethodHandle setRfmon;
    private final MethodHandle canSetRfmon;
    private final MethodHandle listTstampTypes;
    private final MethodHandle freeTstampTypes;
    private final MethodHandle tstampTypeValToName;

    private Libpcap(SymbolLookup lookup) {
        Linker linker = Linker.nativeLinker();
        Binder b = new Binder(linker, lookup);
        create = b.bind("pcap_create", FunctionDescriptor.of(ADDRESS, ADDRESS, ADDRESS));
        setSnaplen = b.bind("pcap_set_snaplen", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT));
        setPromisc = b.bind("pcap_set_promisc", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT));
        setImmediateMode = b.bind("pcap_set_immediate_mode", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT));
        setTimeout = b.bind("pcap_set_timeout", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT));
        setBufferSize = b.bind("pcap_set_buffer_size", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT));
        setTstampType = b.bind("pcap_set_tstamp_type", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT));
        tstampTypeNameToVal = b.bind("pcap_tstamp_type_name_to_val", FunctionDescriptor.of(JAVA_INT, ADDRESS));
        setTstampPrecision = b.optional("pcap_set_tstamp_precision", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT));
        getTstampPrecision = b.optional("pcap_get_tstamp_precision", FunctionDescriptor.of(JAVA_INT, ADDRESS));
        activate = b.bind("pcap_activate", FunctionDescriptor.of(JAVA_INT, ADDRESS));
        geterr = b.bind("pcap_geterr", FunctionDescriptor.of(ADDRESS, ADDRESS));
        statustostr = b.bind("pcap_statustostr", FunctionDescriptor.of(ADDRESS, JAVA_INT));
        datalink = b.bind("pcap_datalink", FunctionDescriptor.of(JAVA_INT, ADDRESS));
        compile = b.bind("pcap_compile", FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, ADDRESS, JAVA_INT, JAVA_INT));
        setfilter = b.bind("pcap_setfilter", FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS));
        freecode = b.bind("pcap_freecode", FunctionDescriptor.ofVoid(ADDRESS));
        nextEx = b.bind("pcap_next_ex", FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, ADDRESS));
        stats = b.bind("pcap_stats", FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS));
        setnonblock = b.bind("pcap_setnonblock", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT, ADDRESS));
        selectableFd = b.bind("pcap_get_selectable_fd", FunctionDescriptor.of(JAVA_INT, ADDRESS));
        close = b.bind("pcap_close", FunctionDescriptor.ofVoid(ADDRESS));
        openDead = b.bind("pcap_open_dead", FunctionDescriptor.of(ADDRESS, JAVA_INT, JAVA_INT));
        libVersion = b.bind("pcap_lib_version", FunctionDescriptor.of(ADDRESS));
        setDatalink = b.bind("pcap_set_datalink", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT));
        setRfmon = b.bind("pcap_set_rfmon", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT));
        canSetRfmon = b.bind("pcap_can_set_rfmon", FunctionDescriptor.of(JAVA_INT, ADDRESS));
        listTstampTypes = b.bind("pcap_list_tstamp_types", FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS));
        freeTstampTypes = b.bind("pcap_free_tstamp_types", FunctionDescriptor.ofVoid(ADDRESS));
        tstampTypeValToName = b.bind("pcap_tstamp_type_val_to_name", FunctionDescriptor.of(ADDRESS, JAVA_INT));
    }

    /**
     * Loads the system libpcap.
     *
     * @throws NativeCaptureException "libpcap is not installed: apt-get install libpcap0.8"
     */
    public static Libpcap load() {
        return load(LIBRARY_NAMES);
    }

    static Libpcap load(List<String> libraryNames) {
        for (String name : libraryNames) {
            try {
                return new Libpcap(SymbolLookup.libraryLookup(name, Arena.global()));
            } catch (IllegalArgumentException notThere) {
                // try the next name
            }
        }
        throw new NativeCaptureException(MISSING);
    }

    /** True when some libpcap can be loaded (for tests and {@code --help} output). */
    public static boolean available() {
        try {
            load();
            return true;
        } catch (NativeCaptureException e) {
            return false;
        }
    }

    /** "libpcap version 1.10.3 (with TPACKET_V3)". */
    public String version() {
        try {
            return cString((MemorySegment) libVersion.invokeExact());
        } catch (Throwable t) {
            throw Libc.unexpected(t);
        }
    }

    MemorySegment create(MemorySegment device, MemorySegment errbuf) {
        try {
            return (MemorySegment) create.invokeExact(device, errbuf);
        } catch (Throwable t) {
            throw Libc.unexpected(t);
        }
    }

    int setSnaplen(MemorySegment p, int value) {
        return intCall(setSnaplen, p, value);
    }

    int setPromisc(MemorySegment p, boolean on) {
        return intCall(setPromisc, p, on ? 1 : 0);
    }

    int setImmediateMode(MemorySegment p, boolean on) {
        return intCall(setImmediateMode, p, on ? 1 : 0);
    }

    int setTimeout(MemorySegment p, int millis) {
        return intCall(setTimeout, p, millis);
    }

    int setBufferSize(MemorySegment p, int bytes) {
        return intCall(setBufferSize, p, bytes);
    }

    int setTstampType(MemorySegment p, int type) {
        return intCall(setTstampType, p, type);
    }

    /** The value of a timestamp type name ("host", "adapter", ...), or -1 when libpcap does not know it. */
    int tstampTypeNameToVal(MemorySegment name) {
        try {
            return (int) tstampTypeNameToVal.invokeExact(name);
        } catch (Throwable t) {
            throw Libc.unexpected(t);
        }
    }

    /** Asks for nanosecond timestamps; false when this libpcap or device cannot give them. */
    boolean setNanoPrecision(MemorySegment p) {
        return setTstampPrecision.isPresent() && intCall(setTstampPrecision.get(), p, TSTAMP_PRECISION_NANO) == 0;
    }

    boolean nanoPrecision(MemorySegment p) {
        if (getTstampPrecision.isEmpty()) {
            return false;
        }
        try {
            return (int) getTstampPrecision.get().invokeExact(p) == TSTAMP_PRECISION_NANO;
        } catch (Throwable t) {
            throw Libc.unexpected(t);
        }
    }

    int activate(MemorySegment p) {
        return pointerCall(activate, p);
    }

    String geterr(MemorySegment p) {
        try {
            return cString((MemorySegment) geterr.invokeExact(p));
        } catch (Throwable t) {
            throw Libc.unexpected(t);
        }
    }

    String statustostr(int status) {
        try {
            return cString((MemorySegment) statustostr.invokeExact(status));
        } catch (Throwable t) {
            throw Libc.unexpected(t);
        }
    }

    /** pcap_set_datalink on an activated handle: 0, or -1 (message in {@link #geterr}). */
    int setDatalink(MemorySegment p, int linkType) {
        return intCall(setDatalink, p, linkType);
    }

    int setRfmon(MemorySegment p, boolean on) {
        return intCall(setRfmon, p, on ? 1 : 0);
    }

    /** pcap_can_set_rfmon: 1 yes, 0 no, negative an error status. */
    int canSetRfmon(MemorySegment p) {
        return pointerCall(canSetRfmon, p);
    }

    /** The names of the timestamp types the (created) handle's device supports; empty when only the default. */
    List<String> timestampTypes(MemorySegment p) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment out = arena.allocate(ADDRESS);
            int count = (int) listTstampTypes.invokeExact(p, out);
            if (count <= 0) {
                return List.of();
            }
            MemorySegment types = out.get(ADDRESS, 0).reinterpret((long) count * Integer.BYTES);
            List<String> names = new java.util.ArrayList<>();
            for (int i = 0; i < count; i++) {
                int value = types.getAtIndex(JAVA_INT, i);
                names.add(cString((MemorySegment) tstampTypeValToName.invokeExact(value)));
            }
            freeTstampTypes.invokeExact(out.get(ADDRESS, 0));
            return names;
        } catch (Throwable t) {
            throw Libc.unexpected(t);
        }
    }

    int datalink(MemorySegment p) {
        return pointerCall(datalink, p);
    }

    int compile(MemorySegment p, MemorySegment program, MemorySegment expression, boolean optimize, int netmask) {
        try {
            return (int) compile.invokeExact(p, program, expression, optimize ? 1 : 0, netmask);
        } catch (Throwable t) {
            throw Libc.unexpected(t);
        }
    }

    int setfilter(MemorySegment p, MemorySegment program) {
        try {
            return (int) setfilter.invokeExact(p, program);
        } catch (Throwable t) {
            throw Libc.unexpected(t);
        }
    }

    void freecode(MemorySegment program) {
        voidCall(freecode, program);
    }

    /** pcap_next_ex: 1 a packet, 0 none yet, -1 an error, -2 after pcap_breakloop. */
    int nextEx(MemorySegment p, MemorySegment headerOut, MemorySegment dataOut) {
        try {
            return (int) nextEx.invokeExact(p, headerOut, dataOut);
        } catch (Throwable t) {
            throw Libc.unexpected(t);
        }
    }

    int stats(MemorySegment p, MemorySegment out) {
        try {
            return (int) stats.invokeExact(p, out);
        } catch (Throwable t) {
            throw Libc.unexpected(t);
        }
    }

    int setnonblock(MemorySegment p, boolean on, MemorySegment errbuf) {
        try {
            return (int) setnonblock.invokeExact(p, on ? 1 : 0, errbuf);
        } catch (Throwable t) {
            throw Libc.unexpected(t);
        }
    }

    int selectableFd(MemorySegment p) {
        return pointerCall(selectableFd, p);
    }

    void close(MemorySegment p) {
        voidCall(close, p);
    }

    MemorySegment openDead(int linkType, int snaplen) {
        try {
            return (MemorySegment) openDead.invokeExact(linkType, snaplen);
        } catch (Throwable t) {
            throw Libc.unexpected(t);
        }
    }

    static String cString(MemorySegment pointer) {
        return pointer.address() == 0 ? "" : pointer.reinterpret(Integer.MAX_VALUE).getString(0);
    }

    private static int intCall(MethodHandle handle, MemorySegment p, int value) {
        try {
            return (int) handle.invokeExact(p, value);
        } catch (Throwable t) {
            throw Libc.unexpected(t);
        }
    }

    private static int pointerCall(MethodHandle handle, MemorySegment p) {
        try {
            return (int) handle.invokeExact(p);
        } catch (Throwable t) {
            throw Libc.unexpected(t);
        }
    }

    private static void voidCall(MethodHandle handle, MemorySegment p) {
        try {
            handle.invokeExact(p);
        } catch (Throwable t) {
            throw Libc.unexpected(t);
        }
    }

    private record Binder(Linker linker, SymbolLookup lookup) {
        MethodHandle bind(String name, FunctionDescriptor descriptor) {
            return optional(name, descriptor).orElseThrow(() ->
                    new NativeCaptureException("the installed libpcap is too old: it has no " + name
                            + " (apt-get install libpcap0.8)"));
        }

        Optional<MethodHandle> optional(String name, FunctionDescriptor descriptor) {
            return lookup.find(name).map(symbol -> linker.downcallHandle(symbol, descriptor));
        }
    }
}

package dev.shadowtap.observe;

import java.nio.charset.StandardCharsets;

/**
 * What {@code /debug/pprof/} answers: shadowtap is a JVM, so Go's profiler is not there; Java Flight
 * Recorder is, and this says how to use it on the running process (and with the flags of the run).
 */
final class JvmProfiling {
    private JvmProfiling() {
    }

    static byte[] howTo() {
        long pid = ProcessHandle.current().pid();
        String text = """
                shadowtap runs on the JVM: Go's pprof profiles do not exist here. Profile it with Java Flight
                Recorder (JFR), which the JDK ships and which costs about 1%% of CPU:

                  this process, now, for a minute (CPU samples, allocations, locks, I/O):
                    jcmd %1$d JFR.start duration=60s settings=profile filename=shadowtap-%1$d.jfr
                  a dump of what it recorded so far (when a recording runs):
                    jcmd %1$d JFR.dump filename=now.jfr
                  a heap histogram:
                    jcmd %1$d GC.class_histogram
                  a whole run, written at exit (GoReplay's flags, JFR files here):
                    shadowtap ... --cpuprofile cpu.jfr --memprofile mem.jfr
                  or any JVM option for JFR:
                    SHADOWTAP_JAVA_OPTS='-XX:StartFlightRecording=settings=profile,filename=run.jfr' shadowtap ...

                Read a recording with 'jfr print --events jdk.ExecutionSample FILE', 'jfr summary FILE' or
                JDK Mission Control. The counters GoReplay published as expvar are at /debug/vars.
                """.formatted(pid);
        return text.getBytes(StandardCharsets.UTF_8);
    }
}

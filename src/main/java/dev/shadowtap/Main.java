package dev.shadowtap;

import java.io.PrintStream;

/** Entry point: runs the command line and exits with its status. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        int status = run(args, System.out, System.err);
        System.out.flush();
        System.exit(status);
    }

    /** Runs shadowtap with {@code args}; returns the exit status instead of exiting (tests call this). */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        out.println("shadowtap: nothing wired yet");
        return 0;
    }
}

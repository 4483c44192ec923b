#!/usr/bin/env python3
"""Test middleware: once its first line came (shadowtap set its pipes up before writing any), says on
stderr how big its stdin's and stdout's pipes are (F_GETPIPE_SZ), and echoes every line."""
import fcntl
import sys

F_GETPIPE_SZ = 1032
first = True
for line in sys.stdin.buffer:
    if first:
        sys.stderr.write("pipes %d %d\n" % (fcntl.fcntl(0, F_GETPIPE_SZ), fcntl.fcntl(1, F_GETPIPE_SZ)))
        sys.stderr.flush()
        first = False
    sys.stdout.buffer.write(line)
    sys.stdout.buffer.flush()

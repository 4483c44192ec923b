#!/usr/bin/env python3
"""Test middleware: echoes argv[1] messages, then exits with status argv[2]."""
import sys

count, status = int(sys.argv[1]), int(sys.argv[2])
for n, line in enumerate(sys.stdin.buffer, start=1):
    sys.stdout.buffer.write(line)
    sys.stdout.buffer.flush()
    if n == count:
        sys.stderr.write("leaving after %d\n" % n)
        sys.stderr.flush()
        sys.exit(status)

#!/usr/bin/env python3
"""Test middleware: echoes messages 1, 3, 5, ... it reads and drops 2, 4, 6, ..."""
import sys

for n, line in enumerate(sys.stdin.buffer, start=1):
    if n % 2 == 1:
        sys.stdout.buffer.write(line)
        sys.stdout.buffer.flush()

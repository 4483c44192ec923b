#!/usr/bin/env python3
"""Test middleware: before echoing each message, writes one message whose payload is argv[1] bytes."""
import binascii
import sys

size = int(sys.argv[1])
for line in sys.stdin.buffer:
    record = binascii.unhexlify(line.strip())
    header = record.partition(b"\n")[0]
    sys.stdout.buffer.write(binascii.hexlify(header + b"\n" + b"x" * size) + b"\n")
    sys.stdout.buffer.write(line)
    sys.stdout.buffer.flush()

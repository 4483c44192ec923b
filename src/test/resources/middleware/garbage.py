#!/usr/bin/env python3
"""Test middleware: before echoing each message, prints a non-hex line, an odd-length hex line and
the hex of a record without a valid header."""
import binascii
import sys

for line in sys.stdin.buffer:
    out = sys.stdout.buffer
    out.write(b"hello, this is not hex at all\n")
    out.write(b"abc\n")
    out.write(binascii.hexlify(b"9 nonsense\nGET / HTTP/1.1\r\n\r\n") + b"\n")
    out.write(line)
    out.flush()

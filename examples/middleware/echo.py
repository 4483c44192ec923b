#!/usr/bin/env python3
"""Decodes every message, logs its header to stderr, and writes it back re-encoded, unchanged."""
import binascii
import sys


def main():
    for line in sys.stdin.buffer:
        record = binascii.unhexlify(line.strip())
        header, _, payload = record.partition(b"\n")
        kind = header.split(b" ", 1)[0].decode()
        # stderr reaches shadowtap's stderr as "[middleware] ..."; uncomment to watch the traffic:
        # sys.stderr.write("type %s, %d bytes\n" % (kind, len(payload)))
        sys.stdout.buffer.write(binascii.hexlify(header + b"\n" + payload) + b"\n")
        sys.stdout.buffer.flush()


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""The token case: a login answered in production with token "abc" is answered by the replay target
with token "xyz". Later recorded requests still carry "abc", which the target does not know, so this
middleware learns the pair from the original response (type 2) and the replayed response (type 3)
of the same request id, then rewrites "Authorization: Bearer abc" and "?token=abc" in later requests.

Run with the original responses in the recording and replies tracked:
  shadowtap --input-file requests.gor --middleware "python3 token_rewrite.py" \
            --output-http http://staging:8080 --output-http-track-response
"""
import binascii
import re
import sys

TOKEN = re.compile(rb'"token"\s*:\s*"([^"]+)"')

original = {}   # request id -> token in the recorded response
replayed = {}   # request id -> token in the replayed response
tokens = {}     # recorded token -> replayed token


def learn(kind, request_id, payload):
    head, _, body = payload.partition(b"\r\n\r\n")
    found = TOKEN.search(body)
    if not found:
        return
    (original if kind == b"2" else replayed)[request_id] = found.group(1)
    if request_id in original and request_id in replayed:
        old, new = original.pop(request_id), replayed.pop(request_id)
        tokens[old] = new
        sys.stderr.write("token %s -> %s\n" % (old.decode(), new.decode()))
        sys.stderr.flush()


def rewrite(payload):
    head, sep, body = payload.partition(b"\r\n\r\n")
    for old, new in tokens.items():
        head = head.replace(b"Bearer " + old, b"Bearer " + new)
        head = re.sub(rb"([?&]token=)" + re.escape(old) + rb"(?=[&\s])", lambda m: m.group(1) + new, head, count=1)
    return head + sep + body


def main():
    for line in sys.stdin.buffer:
        record = binascii.unhexlify(line.strip())
        header, _, payload = record.partition(b"\n")
        fields = header.split(b" ")
        kind, request_id = fields[0], fields[1]
        if kind == b"1":
            payload = rewrite(payload)
        else:
            learn(kind, request_id, payload)
        sys.stdout.buffer.write(binascii.hexlify(header + b"\n" + payload) + b"\n")
        sys.stdout.buffer.flush()


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""Writes the golden framing fixtures: <case>.http (the stream bytes) and <case>.frames (what the framer
must report, derived here from how each case is built, not from framer output). Run from this folder.
A .frames file: '# requests' or '# responses M1 M2..' (methods queued with expectResponseTo), an optional
'# limits HEAD BODY', then one line per result, then 'skipped N' and 'tunnelled N'."""

def crlf(s):
    return s.replace('\n', '\r\n').encode('latin-1')

def lf(s):
    return s.encode('latin-1')

# part kinds: ('msg', bytes, start_line, kind, content, flags) ; ('err', bytes, reason, offset_in_part) ;
# ('skip', bytes) ; ('tunnel', bytes) ; ('errtail', reason, offset_in_part_from_end) for stream-ended
def msg(b, start, kind, content, *flags):
    return ('msg', b, start, kind, content, flags)

CASES = {}

def case(name, header, parts):
    CASES[name] = (header, parts)

case('content-length', '# requests', [
    msg(crlf('POST /submit HTTP/1.1\nHost: a\nContent-Length: 5\n\nhello'), 'POST /submit HTTP/1.1', 'CONTENT_LENGTH', 5)])

case('chunked-extensions-trailers', '# requests', [
    msg(crlf('POST /up HTTP/1.1\nHost: a\nTransfer-Encoding: chunked\n\n5;name=val\nhello\n6 ; x="y"\n world\n'
             '0;last\nExpires: never\nX-Sum: 1\n\n'), 'POST /up HTTP/1.1', 'CHUNKED', 11)])

case('close-delimited', '# responses GET', [
    msg(crlf('HTTP/1.0 200 OK\nContent-Type: text/plain\n\n') + b'all of this\r\nuntil the close\n', 'HTTP/1.0 200 OK',
        'CLOSE_DELIMITED', len(b'all of this\r\nuntil the close\n'))])

case('head-response', '# responses HEAD', [
    msg(crlf('HTTP/1.1 200 OK\nContent-Length: 1234\n\n'), 'HTTP/1.1 200 OK', 'NONE', 0)])

case('interim-then-final', '# responses GET', [
    msg(crlf('HTTP/1.1 103 Early Hints\nLink: </s.css>; rel=preload\n\n'), 'HTTP/1.1 103 Early Hints', 'NONE', 0, 'interim'),
    msg(crlf('HTTP/1.1 100 Continue\n\n'), 'HTTP/1.1 100 Continue', 'NONE', 0, 'interim'),
    msg(crlf('HTTP/1.1 200 OK\nContent-Length: 2\n\nok'), 'HTTP/1.1 200 OK', 'CONTENT_LENGTH', 2)])

case('no-content-204', '# responses GET GET', [
    msg(crlf('HTTP/1.1 204 No Content\nContent-Length: 10\n\n'), 'HTTP/1.1 204 No Content', 'NONE', 0),
    msg(crlf('HTTP/1.1 200 OK\nContent-Length: 1\n\nx'), 'HTTP/1.1 200 OK', 'CONTENT_LENGTH', 1)])

case('not-modified-304', '# responses GET GET', [
    msg(crlf('HTTP/1.1 304 Not Modified\nETag: "x"\nContent-Length: 50\n\n'), 'HTTP/1.1 304 Not Modified', 'NONE', 0),
    msg(crlf('HTTP/1.1 200 OK\nTransfer-Encoding: chunked\n\n3\nabc\n0\n\n'), 'HTTP/1.1 200 OK', 'CHUNKED', 3)])

case('continue-requests', '# requests', [
    msg(crlf('PUT /big HTTP/1.1\nExpect: 100-continue\nContent-Length: 4\n\nbody'), 'PUT /big HTTP/1.1', 'CONTENT_LENGTH', 4),
    msg(crlf('GET /next HTTP/1.1\n\n'), 'GET /next HTTP/1.1', 'NONE', 0)])

case('continue-responses', '# responses PUT GET', [
    msg(crlf('HTTP/1.1 100 Continue\n\n'), 'HTTP/1.1 100 Continue', 'NONE', 0, 'interim'),
    msg(crlf('HTTP/1.1 201 Created\nContent-Length: 0\n\n'), 'HTTP/1.1 201 Created', 'CONTENT_LENGTH', 0),
    msg(crlf('HTTP/1.1 200 OK\nContent-Length: 3\n\nabc'), 'HTTP/1.1 200 OK', 'CONTENT_LENGTH', 3)])

case('pipelined-requests', '# requests', [
    msg(crlf('GET /a HTTP/1.1\nHost: x\nhost: y\n\n'), 'GET /a HTTP/1.1', 'NONE', 0),
    msg(lf('HEAD /b HTTP/1.0\nuser-AGENT: bare-lf\n\n'), 'HEAD /b HTTP/1.0', 'NONE', 0),
    msg(crlf('POST /c HTTP/1.1\ntransfer-encoding: gzip, Chunked\n\n1\nz\n0\n\n'), 'POST /c HTTP/1.1', 'CHUNKED', 1),
    msg(crlf('DELETE /d?q=1 HTTP/1.1\nCONTENT-LENGTH: 0\n\n'), 'DELETE /d?q=1 HTTP/1.1', 'CONTENT_LENGTH', 0),
    msg(crlf('OPTIONS * HTTP/1.1\nContent-Length: 2, 2\n\n{}'), 'OPTIONS * HTTP/1.1', 'CONTENT_LENGTH', 2)])

case('pipelined-responses-head-get', '# responses HEAD GET HEAD GET', [
    msg(crlf('HTTP/1.1 200 OK\nContent-Length: 5\n\n'), 'HTTP/1.1 200 OK', 'NONE', 0),
    msg(crlf('HTTP/1.1 200 OK\nContent-Length: 5\n\nhello'), 'HTTP/1.1 200 OK', 'CONTENT_LENGTH', 5),
    msg(crlf('HTTP/1.1 200 OK\nTransfer-Encoding: chunked\n\n'), 'HTTP/1.1 200 OK', 'NONE', 0),
    msg(crlf('HTTP/1.1 404 Not Found\nTransfer-Encoding: chunked\n\n4\nnope\n0\n\n'), 'HTTP/1.1 404 Not Found', 'CHUNKED', 4)])

case('truncated-bodies', '# requests\n# limits 1024 10', [
    msg(crlf('POST / HTTP/1.1\nContent-Length: 26\n\nabcdefghijklmnopqrstuvwxyz'), 'POST / HTTP/1.1', 'CONTENT_LENGTH', 26, 'truncated'),
    msg(crlf('POST /ch HTTP/1.1\nTransfer-Encoding: chunked\n\n10\n0123456789abcdef\n0\n\n'), 'POST /ch HTTP/1.1', 'CHUNKED', 16, 'truncated'),
    msg(crlf('POST /fits HTTP/1.1\nContent-Length: 10\n\n0123456789'), 'POST /fits HTTP/1.1', 'CONTENT_LENGTH', 10),
    msg(crlf('GET /after HTTP/1.1\n\n'), 'GET /after HTTP/1.1', 'NONE', 0)])

case('te-overrides-cl', '# responses GET', [
    msg(crlf('HTTP/1.1 200 OK\nContent-Length: 100\nTransfer-Encoding: chunked\n\n2\nhi\n0\n\n'), 'HTTP/1.1 200 OK', 'CHUNKED', 2)])

case('te-not-chunked-response', '# responses GET', [
    msg(crlf('HTTP/1.1 200 OK\nTransfer-Encoding: gzip\n\n') + b'\x1f\x8b\x08zipped', 'HTTP/1.1 200 OK', 'CLOSE_DELIMITED', 9)])

case('obs-fold-bare-lf', '# requests', [
    msg(lf('GET /fold HTTP/1.1\nX-Folded: a\n  b\n\tc\nHost: h\n\n'), 'GET /fold HTTP/1.1', 'NONE', 0)])

case('blank-lines-between', '# requests', [
    ('skip', b'\r\n'),
    msg(crlf('GET / HTTP/1.1\n\n'), 'GET / HTTP/1.1', 'NONE', 0),
    ('skip', b'\r\n\n'),
    msg(crlf('GET /2 HTTP/1.1\n\n'), 'GET /2 HTTP/1.1', 'NONE', 0)])

case('tunnel-after-101', '# responses GET', [
    msg(crlf('HTTP/1.1 101 Switching Protocols\nUpgrade: websocket\nConnection: Upgrade\n\n'), 'HTTP/1.1 101 Switching Protocols', 'NONE', 0),
    ('tunnel', b'\x81\x05hello\x88\x00')])

case('connect-tunnel', '# responses CONNECT', [
    msg(crlf('HTTP/1.1 200 Connection established\n\n'), 'HTTP/1.1 200 Connection established', 'NONE', 0),
    ('tunnel', b'\x16\x03\x01\x00\x05hello')])

# ---- HTTP/2 with prior knowledge: the preface is no HTTP/1 request, and the rest is HTTP/2's frames
case('http2-preface', '# requests', [
    ('err', crlf('PRI * HTTP/2.0\n'), 'http2-preface', 0),
    ('tunnel', crlf('\nSM\n\n') + b'\x00\x00\x00\x04\x00\x00\x00\x00\x00')])
case('http2-preface-as-http1', '# requests', [
    ('err', crlf('PRI * HTTP/1.1\n'), 'http2-preface', 0),
    ('tunnel', crlf('\nSM\n\n'))])

# ---- numbers are limited by value, not by digit count (strict parsers and nginx accept leading zeros)
case('leading-zeros-requests', '# requests', [
    msg(crlf('POST /z HTTP/1.1\nContent-Length: 0000000000000000005\n\nhello'), 'POST /z HTTP/1.1', 'CONTENT_LENGTH', 5),
    msg(crlf('POST /c HTTP/1.1\nTransfer-Encoding: chunked\n\n00000000000000000005\nhello\n00000000000000000000\n\n'),
        'POST /c HTTP/1.1', 'CHUNKED', 5),
    msg(crlf('GET /next HTTP/1.1\n\n'), 'GET /next HTTP/1.1', 'NONE', 0)])

case('leading-zeros-responses', '# responses GET GET GET', [
    msg(crlf('HTTP/1.1 200 OK\nContent-Length: 000000000000000000000000002\n\nok'), 'HTTP/1.1 200 OK', 'CONTENT_LENGTH', 2),
    msg(crlf('HTTP/1.1 200 OK\nTransfer-Encoding: chunked\n\n0000000000000000000000003;x=y\nabc\n0\n\n'),
        'HTTP/1.1 200 OK', 'CHUNKED', 3),
    msg(crlf('HTTP/1.1 204 No Content\n\n'), 'HTTP/1.1 204 No Content', 'NONE', 0)])

p = crlf('POST /big HTTP/1.1\nContent-Length: 0001000000000000000000\n\n')
case('error-content-length-too-large', '# requests', [
    ('err', p, 'bad-content-length', p.index(b'Content-Length')),
    msg(crlf('GET /ok HTTP/1.1\n\n'), 'GET /ok HTTP/1.1', 'NONE', 0)])

# ---- a response that cannot be framed costs itself only: the next status line, glued to its body, is found
p = crlf('HTTP/1.1 200 OK\nContent-Length: 5x\n\n') + b'hello'
case('error-bad-length-then-glued-responses', '# responses GET GET GET', [
    ('err', p, 'bad-content-length', p.index(b'Content-Length')),
    msg(crlf('HTTP/1.1 201 Created\nContent-Length: 2\n\n') + b'ok', 'HTTP/1.1 201 Created', 'CONTENT_LENGTH', 2),
    msg(crlf('HTTP/1.1 202 Accepted\nContent-Length: 0\n\n'), 'HTTP/1.1 202 Accepted', 'CONTENT_LENGTH', 0)])

# ---- a head over the limit is followed to its end by its length headers alone: the body after it is
#      skipped exactly (lines in it that look like messages included), and the next message framed whole
big = 'X-Long: ' + 'y' * 100 + '\n'
body = crlf('GET /fake HTTP/1.1\n\n')
p = crlf('POST /a HTTP/1.1\n' + big + 'Content-Length: %d\n\n' % len(body)) + body
case('error-head-too-large-body-skipped', '# requests\n# limits 64 100', [
    ('err', p, 'head-too-large', 64),
    msg(crlf('GET /b HTTP/1.1\n\n'), 'GET /b HTTP/1.1', 'NONE', 0)])

data = crlf('HTTP/1.1 500 Fake\nContent-Length: 0\n\n')
p = crlf('HTTP/1.1 200 OK\nTransfer-Encoding: chunked\n' + big + '\n') + b'%x\r\n' % len(data) + data + b'\r\n0\r\n\r\n'
case('error-head-too-large-response-chunked', '# responses GET GET\n# limits 64 100', [
    ('err', p, 'head-too-large', 64),
    msg(crlf('HTTP/1.1 204 No Content\n\n'), 'HTTP/1.1 204 No Content', 'NONE', 0)])

# a response to HEAD has no body, whatever its length headers say, head over the limit or not
p = crlf('HTTP/1.1 200 OK\n' + big + 'Content-Length: 1000\n\n')
case('error-head-too-large-response-to-head', '# responses HEAD GET\n# limits 64 100', [
    ('err', p, 'head-too-large', 64),
    msg(crlf('HTTP/1.1 200 OK\nContent-Length: 2\n\n') + b'ok', 'HTTP/1.1 200 OK', 'CONTENT_LENGTH', 2)])

# a length header too long to follow: the framer falls back to resynchronising at the next start line
p = crlf('GET /a HTTP/1.1\n' + big + 'Content-Length: ' + '0' * 5000 + '\n\n')
case('error-head-too-large-length-line-too-long', '# requests\n# limits 64 100', [
    ('err', p, 'head-too-large', 64),
    msg(crlf('GET /b HTTP/1.1\n\n'), 'GET /b HTTP/1.1', 'NONE', 0)])

# ---- a request that cannot be framed costs itself only: the next request line, glued to the end of its
#      body ("xyzGET"), is found there and not taken for a request of method "xyzGET"
p = crlf('POST /a HTTP/1.1\nContent-Length: abc\n\n') + b'xyz'
case('error-bad-length-then-glued-requests', '# requests', [
    ('err', p, 'bad-content-length', p.index(b'Content-Length')),
    msg(crlf('GET /n1 HTTP/1.1\nHost: x\n\n'), 'GET /n1 HTTP/1.1', 'NONE', 0)])
p = crlf('POST /a HTTP/1.1\nContent-Length: abc\n\n') + b'x y '
case('error-bad-length-then-glued-request-after-words', '# requests', [
    ('err', p, 'bad-content-length', p.index(b'Content-Length')),
    msg(crlf('GET /n1 HTTP/1.1\nHost: x\n\n'), 'GET /n1 HTTP/1.1', 'NONE', 0)])

# ---- CONNECT has no content (RFC 9110 9.3.6): its Content-Length takes nothing from what follows
case('connect-request-no-body', '# requests', [
    msg(crlf('CONNECT db.internal:5432 HTTP/1.1\nHost: db.internal:5432\nContent-Length: 5\n\n'),
        'CONNECT db.internal:5432 HTTP/1.1', 'NONE', 0),
    msg(crlf('GET /after HTTP/1.1\n\n'), 'GET /after HTTP/1.1', 'NONE', 0)])

# ---- errors; after each the framer resynchronises at the next start line
case('error-bad-start-line', '# requests', [
    ('err', crlf('GARBAGE LINE\nHTTP/1.1 200 OK\n\n'), 'bad-start-line', 0),
    msg(crlf('GET /ok HTTP/1.1\nHost: a\n\n'), 'GET /ok HTTP/1.1', 'NONE', 0)])

case('error-bad-status-line', '# responses GET', [
    ('err', crlf('<html>oops</html>\nGET / HTTP/1.1\n'), 'bad-start-line', 0),
    msg(crlf('HTTP/1.1 200 OK\nContent-Length: 0\n\n'), 'HTTP/1.1 200 OK', 'CONTENT_LENGTH', 0)])

p = crlf('POST /c HTTP/1.1\nTransfer-Encoding: chunked\n\nzz\nhello\n0\n\n')
case('error-bad-chunk-size', '# requests', [
    ('err', p, 'bad-chunk-size', p.index(b'zz')),
    msg(crlf('GET /ok HTTP/1.1\n\n'), 'GET /ok HTTP/1.1', 'NONE', 0)])

p = crlf('POST /c HTTP/1.1\nTransfer-Encoding: chunked\n\n3\nabcX\n0\n\n')
case('error-bad-chunk-end', '# requests', [
    ('err', p, 'bad-chunk-end', p.index(b'X')),
    msg(crlf('GET /ok HTTP/1.1\n\n'), 'GET /ok HTTP/1.1', 'NONE', 0)])

p = crlf('POST /x HTTP/1.1\nHost: a\nContent-Length: 12abc\n\n')
case('error-bad-content-length', '# requests', [
    ('err', p, 'bad-content-length', p.index(b'Content-Length')),
    msg(crlf('GET /ok HTTP/1.1\n\n'), 'GET /ok HTTP/1.1', 'NONE', 0)])

p = crlf('HTTP/1.1 200 OK\ncontent-length: -1\n\n')
case('error-negative-content-length', '# responses GET', [
    ('err', p, 'bad-content-length', p.index(b'content-length')),
    msg(crlf('HTTP/1.1 500 Oops\nContent-Length: 0\n\n'), 'HTTP/1.1 500 Oops', 'CONTENT_LENGTH', 0)])

p = crlf('POST /x HTTP/1.1\nContent-Length: 3\nX-Content-Length: 5\nCONTENT-LENGTH: 4\n\nabc\n')
case('error-conflicting-content-length', '# requests', [
    ('err', p, 'conflicting-content-length', p.index(b'CONTENT-LENGTH')),
    msg(crlf('GET /ok HTTP/1.1\n\n'), 'GET /ok HTTP/1.1', 'NONE', 0)])

p = crlf('POST /x HTTP/1.1\nTransfer-Encoding: gzip\n\n')
case('error-bad-transfer-encoding', '# requests', [
    ('err', p, 'bad-transfer-encoding', p.index(b'Transfer-Encoding')),
    msg(crlf('GET /ok HTTP/1.1\n\n'), 'GET /ok HTTP/1.1', 'NONE', 0)])

p = crlf('GET /a HTTP/1.1\nBad Header: x\n\n')
case('error-bad-header', '# requests', [
    ('err', p, 'bad-header', p.index(b' Header')),
    msg(crlf('GET /ok HTTP/1.1\n\n'), 'GET /ok HTTP/1.1', 'NONE', 0)])

case('error-head-too-large', '# requests\n# limits 64 100', [
    ('err', crlf('GET /a HTTP/1.1\nX-Long: ' + 'y' * 100 + '\n\n'), 'head-too-large', 64),
    msg(crlf('GET /b HTTP/1.1\n\n'), 'GET /b HTTP/1.1', 'NONE', 0)])

case('error-trailers-too-large', '# requests\n# limits 64 100', [
    ('err', crlf('POST /t HTTP/1.1\nTransfer-Encoding: chunked\n\n0\nX-T: ' + 'z' * 80 + '\n\n'), 'trailers-too-large',
     len(crlf('POST /t HTTP/1.1\nTransfer-Encoding: chunked\n\n0\n')) + 64),
    msg(crlf('GET /b HTTP/1.1\n\n'), 'GET /b HTTP/1.1', 'NONE', 0)])

p = crlf('HTTP/1.1 200 OK\nContent-Length: 10\n\nshort')
case('error-stream-ended-mid-body', '# responses GET', [('err', p, 'stream-ended', len(p))])

p = crlf('POST /c HTTP/1.1\nTransfer-Encoding: chunked\n\n5\nab')
case('error-stream-ended-mid-chunk', '# requests', [('err', p, 'stream-ended', len(p))])

for name, (header, parts) in CASES.items():
    stream = b''
    lines = [header]
    skipped = tunnelled = 0
    for part in parts:
        off = len(stream)
        b = part[1]
        if part[0] == 'msg':
            _, _, start, kind, content, flags = part
            lines.append(f'message @{off} {start} | {kind} content={content} wire={len(b)}'
                         + ''.join(' ' + f for f in flags))
        elif part[0] == 'err':
            lines.append(f'error {part[2]} message@{off} at@{off + part[3]}')
            skipped += len(b)
        elif part[0] == 'skip':
            skipped += len(b)
        elif part[0] == 'tunnel':
            tunnelled += len(b)
        stream += b
    lines.append(f'skipped {skipped}')
    lines.append(f'tunnelled {tunnelled}')
    open(name + '.http', 'wb').write(stream)
    open(name + '.frames', 'w').write('\n'.join(lines) + '\n')

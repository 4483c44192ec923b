shadowtap: /tmp/prof/tiny.gor:1945: truncated record (HTTP headers incomplete, no separator at end of input); record skipped
shadowtap: input-file /tmp/prof/tiny.gor: dropped 1 (truncated 1)

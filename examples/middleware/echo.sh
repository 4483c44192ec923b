#!/bin/sh
# GoReplay's classic middleware: every message (one hex line) goes back unchanged.
while IFS= read -r line; do
  printf '%s\n' "$line"
done

#!/usr/bin/env node
// Decodes every message and writes it back re-encoded, unchanged (Node.js, no dependencies).
const readline = require("readline");

const lines = readline.createInterface({ input: process.stdin, crlfDelay: Infinity });
lines.on("line", (line) => {
  const record = Buffer.from(line.trim(), "hex");
  const newline = record.indexOf(0x0a);
  const header = record.subarray(0, newline).toString("latin1");
  const payload = record.subarray(newline + 1);
  const out = Buffer.concat([Buffer.from(header + "\n", "latin1"), payload]);
  process.stdout.write(out.toString("hex") + "\n");
});

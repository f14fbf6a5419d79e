#!/usr/bin/env node
import { main } from '../dist/src/cli.js';

const code = await main(process.argv.slice(2), {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  stdoutIsTTY: Boolean(process.stdout.isTTY),
  progressStream: process.stderr.isTTY ? process.stderr : null,
  env: process.env,
  cwd: process.cwd(),
});
process.exitCode = code;

#!/usr/bin/env node
import { readFileSync } from 'node:fs';
import { limitHeapGrowth } from './heap-growth.js';
import { runProgram } from './program.js';

// Long-running commands (serve, backups) otherwise peak at several times their live heap.
limitHeapGrowth();

const packageJson = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {
  version: string;
};

// `tenantvault … | head` closes the pipe early: that ends the output, it is not a failure.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code !== 'EPIPE') throw error;
  process.exit(0);
});

const code = await runProgram(process.argv, packageJson.version);
// Long-running commands (sandbox, serve) keep the event loop alive and never reach here
// until they stop; short ones set the code and let pending output drain.
process.exitCode = code;

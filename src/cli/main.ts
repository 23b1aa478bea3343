#!/usr/bin/env node
import { readFileSync } from 'node:fs';
import { runProgram } from './program.js';

const packageJson = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {
  version: string;
};

const code = await runProgram(process.argv, packageJson.version);
// Long-running commands (sandbox, serve) keep the event loop alive and never reach here
// until they stop; short ones set the code and let pending output drain.
process.exitCode = code;

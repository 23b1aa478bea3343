// Records every module the process loads, one URL a line, into the file MODULE_TRACE_FILE
// names: `node --import ./test/support/module-trace.mjs …`.
import { register } from 'node:module';

register('./module-trace-hooks.mjs', import.meta.url, { data: { file: process.env.MODULE_TRACE_FILE } });

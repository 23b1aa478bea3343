// How far V8 lets the heap grow past what survived its last full collection before it
// collects again. A backup keeps little (20–26 MB of live heap at 100,000 users) but reads
// a lot that is garbage once written: pages of a thousand log entries, batches of
// relationships. Left to itself on a machine with gigabytes to spare, V8 lets the heap
// grow to up to four times its live size between full collections, so garbage, not data,
// set a backup's peak. Growing by 30% keeps the peak near the live heap, and unlike a heap
// limit leaves room for a tenant whose backup does need more.
import { setFlagsFromString } from 'node:v8';

export const HEAP_GROWING_PERCENT = 30;

const GROWING_FLAG = /--heap[-_]growing[-_]percent/;

/**
 * Applies to this process from its next collection on, unless the process was started
 * with a growth of its own (a Node flag or NODE_OPTIONS).
 */
export function limitHeapGrowth(
  execArgv: readonly string[] = process.execArgv,
  nodeOptions = process.env.NODE_OPTIONS ?? '',
): void {
  if (GROWING_FLAG.test([...execArgv, nodeOptions].join(' '))) return;
  setFlagsFromString(`--heap-growing-percent=${HEAP_GROWING_PERCENT}`);
}

// The tenantvault command limits how far the heap grows between full collections. A
// process that keeps some data and reads pages that become garbage once handled, as a
// backup does, then peaks near its live heap instead of at several times it.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { test } from 'node:test';

const HEAP_GROWTH = new URL('../../src/cli/heap-growth.ts', import.meta.url).href;

/** The largest heap a child process reaches while it works through pages of garbage, in MB. */
function peakHeapMb(limited: boolean): number {
  const program = `
    const { limitHeapGrowth } = await import(${JSON.stringify(HEAP_GROWTH)});
    if (${limited}) limitHeapGrowth();
    const kept = Array.from({ length: 200_000 }, (_, i) => ({ i, name: 'kept ' + i }));
    let peak = 0;
    for (let page = 0; page < 150; page++) {
      const items = Array.from({ length: 20_000 }, (_, i) => ({ page, i, text: ('entry ' + i).repeat(4) }));
      await new Promise((resolve) => setImmediate(resolve));
      peak = Math.max(peak, process.memoryUsage().heapTotal);
      if (items.length !== 20_000) throw new Error('lost a page');
    }
    console.log(Math.round(peak / 1048576), kept.length);
  `;
  const output = execFileSync(
    process.execPath,
    ['--import', 'tsx', '--input-type=module', '--eval', program],
    {
      encoding: 'utf8',
      env: { ...process.env, NODE_OPTIONS: '' },
    },
  );
  return Number(output.split(' ')[0]);
}

test('limiting heap growth keeps a process that makes much garbage near its live heap', () => {
  const unlimited = peakHeapMb(false);
  const limited = peakHeapMb(true);
  assert.ok(limited < unlimited * 0.75, `peak heap ${limited} MB limited, ${unlimited} MB not`);
});

// Waiting for a service job through the API, as the portal does: poll until it finishes.
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import type { PortalBrowser } from './portal-browser.js';

const FINISHED = new Set(['succeeded', 'partial', 'failed', 'cancelled']);

export async function finishedJob(
  browser: PortalBrowser,
  organizationId: string,
  jobId: string,
  timeoutMs = 60_000,
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the job view is JSON as the API answers it
): Promise<any> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const answer = await browser.api('GET', `/api/organizations/${organizationId}/jobs/${jobId}`);
    assert.equal(answer.status, 200, answer.text);
    if (FINISHED.has(answer.body.state)) return answer.body;
    assert.ok(Date.now() < deadline, `job ${jobId} still ${answer.body.state} after ${timeoutMs} ms`);
    await sleep(100);
  }
}

// Following a job the page started (a restore's plan, the restore itself) until it ends,
// asking once a second, as the job page does for the jobs it shows.
import { api, unwrap } from './api/client';
import type { Job } from './api/types';
import { isActive } from './components/JobState';

const POLL_MS = 1000;

export async function waitForJob(
  organizationId: string,
  job: Job,
  onUpdate?: (job: Job) => void,
): Promise<Job> {
  let current = job;
  while (isActive(current)) {
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    current = await unwrap(
      api.GET('/api/organizations/{organizationId}/jobs/{jobId}', {
        params: { path: { organizationId, jobId: job.id } },
      }),
    );
    onUpdate?.(current);
  }
  return current;
}

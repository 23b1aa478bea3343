// What people ask the service to do for an organization, and how each request becomes a
// job: its name (handlers are registered by name), its payload and the key that keeps one
// resource to one such job at a time. The API and the schedules enqueue through here.
import type { BackupToggle, DirectoryType } from '../../workloads/directory/item.js';
import type { NewUserMode } from '../../workloads/directory/restore/index.js';
import type { Enqueued, JobQueue } from '../queue/types.js';

export const JOB_NAMES = {
  backup: 'directory-backup',
  restore: 'directory-restore',
  check: 'repository-check',
  retention: 'repository-retention',
} as const;

export type JobKind = keyof typeof JOB_NAMES;

export interface BackupRequest {
  kind: 'backup';
  /** Object types to read now; default: those the organization's settings turn on. */
  objectTypes?: BackupToggle[];
}

export interface RestoreRequest {
  kind: 'restore';
  /** A snapshot reference: a number, latest, previous, latest~N, a date or a time. */
  at: string;
  types?: DirectoryType[];
  ids?: string[];
  /** Plan only: the job's result is the plan, and nothing is written. */
  dryRun: boolean;
  newUsers: NewUserMode;
}

export interface CheckRequest {
  kind: 'check';
  /** Also read and verify every blob. */
  readData: boolean;
}

export interface RetentionRequest {
  kind: 'retention';
}

export type JobRequest = BackupRequest | RestoreRequest | CheckRequest | RetentionRequest;

export interface JobPayload<R extends JobRequest = JobRequest> {
  organizationId: string;
  request: R;
}

/** Which jobs may not run side by side for one organization: a second one returns the first. */
function singletonKeyOf(organizationId: string, request: JobRequest): string | undefined {
  switch (request.kind) {
    case 'backup':
      return `${JOB_NAMES.backup}:${organizationId}`;
    case 'restore':
      // Two restores writing into one tenant at once would race each other's id maps.
      return request.dryRun ? undefined : `${JOB_NAMES.restore}:${organizationId}`;
    case 'retention':
      return `${JOB_NAMES.retention}:${organizationId}`;
    default:
      return undefined;
  }
}

/** The job a request becomes (the schedules store it to enqueue at each slot). */
export function jobOfRequest(organizationId: string, request: JobRequest) {
  return {
    name: JOB_NAMES[request.kind],
    payload: { organizationId, request } satisfies JobPayload,
    singletonKey: singletonKeyOf(organizationId, request),
  };
}

export function enqueueRequest(
  queue: Pick<JobQueue, 'enqueue'>,
  organizationId: string,
  request: JobRequest,
  /** The same key (per organization) always returns the job made with it first. */
  idempotencyKey?: string,
): Promise<Enqueued<JobPayload>> {
  const { name, payload, singletonKey } = jobOfRequest(organizationId, request);
  return queue.enqueue(name, payload, {
    organizationId,
    singletonKey,
    idempotencyKey: idempotencyKey && `${organizationId}:${idempotencyKey}`,
    // A restore writes into a tenant: one attempt whose report people can read.
    retryLimit: request.kind === 'restore' ? 0 : undefined,
  });
}

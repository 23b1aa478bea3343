// A backup job: the organization's Entra ID object types (those its settings turn on, or
// those the request names) into its repository, with per-type progress people can watch
// and a log line per type. A snapshot in which some types failed ends the job "partial"
// with the failures in its result; cancelling stops the backup without a snapshot.
import { backupDirectory, type BackupProgress } from '../../engine/backup.js';
import { GraphAuthenticationError, GraphRequestError } from '../../graph/index.js';
import { BACKUP_TOGGLES, type BackupToggle } from '../../workloads/directory/item.js';
import type { TypeSummary } from '../../workloads/directory/snapshot-meta.js';
import type { OrganizationServices } from '../organizations/index.js';
import type { BackupSettings } from '../organizations/settings.js';
import type { JobContext, JobOutcome } from '../queue/types.js';
import { organizationWork } from './organization-work.js';
import type { BackupRequest, JobPayload } from './requests.js';
import { retryingTransient } from './transient.js';

export interface BackupJobProgress {
  /** The type being read now (the latest started: the log types run alongside the others), null between types. */
  current: string | null;
  /** Items read so far per type; finished types carry their summary. */
  types: Record<string, { items: number; finished: boolean; error: string | null }>;
}

/** The identity platform or Graph refused the app itself, not one request. */
function isRefusedAccess(error: unknown): boolean {
  if (error instanceof GraphAuthenticationError) return true;
  return error instanceof GraphRequestError && (error.status === 401 || error.status === 403);
}

export function enabledToggles(settings: BackupSettings): BackupToggle[] {
  return BACKUP_TOGGLES.filter((toggle) => settings.objectTypes[toggle]);
}

function describeFinished(type: string, summary: TypeSummary): string {
  const outcome = summary.error ? `failed: ${summary.error}` : 'done';
  return `${type}: ${summary.items} items, ${outcome}`;
}

export function directoryBackupJob(services: OrganizationServices) {
  return async (context: JobContext<JobPayload<BackupRequest>>): Promise<JobOutcome> => {
    const { job, signal } = context;
    const work = await organizationWork(services, job.payload.organizationId);
    const toggles = job.payload.request.objectTypes ?? enabledToggles(work.settings);
    if (toggles.length === 0) {
      throw new Error(
        'no Entra ID object type is turned on: turn some on in the settings, or name them in the request',
      );
    }
    const progress: BackupJobProgress = { current: null, types: {} };
    const onProgress = (event: BackupProgress) => {
      // Throwing here ends the backup before its commit: a cancelled job leaves no snapshot.
      signal.throwIfAborted();
      const entry = (progress.types[event.type] ??= { items: 0, finished: false, error: null });
      if (event.kind === 'typeStarted') {
        progress.current = event.type;
        context.log(`${event.type}: started`);
      } else if (event.kind === 'items') {
        entry.items = event.items;
      } else {
        Object.assign(entry, { items: event.summary.items, finished: true, error: event.summary.error });
        const running = Object.keys(progress.types).filter((type) => !progress.types[type]?.finished);
        progress.current = running.at(-1) ?? null;
        context.log(describeFinished(event.type, event.summary));
      }
      context.progress(progress);
    };
    const result = await retryingTransient(async () =>
      backupDirectory({
        graph: await work.graph(),
        repository: await work.repository(),
        catalog: work.catalog,
        toggles,
        onProgress,
      }),
    ).catch(async (error: unknown) => {
      if (isRefusedAccess(error)) {
        // Record the connection's health now: a revoked consent shows (and is notified)
        // at once, not at the next check someone runs.
        const health = await services.connections.check(work.organization);
        if (!health.connected) {
          throw new Error(
            `the tenant no longer lets tenantvault in (${health.error ?? 'no token'}): an administrator must connect it again`,
            { cause: error },
          );
        }
      }
      throw error;
    });
    context.log(`snapshot ${result.seq} committed (${result.meta.status})`);
    return {
      status: result.meta.status === 'partial' ? 'partial' : 'succeeded',
      result: {
        snapshot: result.seq,
        snapshotId: result.snapshotId,
        status: result.meta.status,
        summary: result.meta.summary,
      },
    };
  };
}

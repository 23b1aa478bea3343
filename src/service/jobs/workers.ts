// The worker role: the handlers of every job the service runs, registered on the queue.
import type { OrganizationServices } from '../organizations/index.js';
import type { JobQueue } from '../queue/types.js';
import type { SecretBox } from '../secret-box.js';
import { directoryBackupJob } from './directory-backup-job.js';
import { directoryRestoreJob } from './directory-restore-job.js';
import { repositoryCheckJob, retentionJob } from './repository-jobs.js';
import { JOB_NAMES } from './requests.js';

export interface WorkerOptions {
  /** Backups this process runs at once (each holds one tenant's Graph budget); default 2. */
  backupConcurrency?: number;
}

export function startWorkers(
  queue: JobQueue,
  services: OrganizationServices,
  box: SecretBox,
  options: WorkerOptions = {},
): void {
  queue.work(JOB_NAMES.backup, directoryBackupJob(services), { concurrency: options.backupConcurrency ?? 2 });
  queue.work(JOB_NAMES.restore, directoryRestoreJob(services, box));
  queue.work(JOB_NAMES.check, repositoryCheckJob(services));
  queue.work(JOB_NAMES.retention, retentionJob(services));
}

// A restore job: plans the restore of the chosen objects from a snapshot into the
// organization's tenant and, unless it is a dry run, writes it. A dry run's result is the
// plan, every Graph write it would make; a restore's result is the plan it ran and the
// report of what was written, skipped and failed. Temporary passwords of re-created users
// are kept only sealed by the service key, for the people who may read the job.
import { planDirectoryRestore } from '../../engine/directory/restore.js';
import { executePlan } from '../../workloads/directory/restore/index.js';
import type { OrganizationServices } from '../organizations/index.js';
import type { SecretBox } from '../secret-box.js';
import type { JobContext, JobOutcome } from '../queue/types.js';
import { organizationWork } from './organization-work.js';
import type { JobPayload, RestoreRequest } from './requests.js';

export const TEMPORARY_PASSWORDS_PURPOSE = 'restore-temporary-passwords';

export function directoryRestoreJob(services: OrganizationServices, box: SecretBox) {
  return async (context: JobContext<JobPayload<RestoreRequest>>): Promise<JobOutcome> => {
    const { request } = context.job.payload;
    const work = await organizationWork(services, context.job.payload.organizationId);
    const graph = await work.graph();
    const { snapshot, plan } = await planDirectoryRestore({
      repository: await work.repository(),
      catalog: work.catalog,
      snapshot: request.at,
      selection: { types: request.types, ids: request.ids },
      graph,
      newUsers: request.newUsers,
    });
    context.log(`planned ${plan.writes.length} writes from snapshot ${snapshot.seq}`);
    if (request.dryRun) return { result: { snapshot: snapshot.seq, plan } };
    context.signal.throwIfAborted();

    const { temporaryPasswords, ...report } = await executePlan(graph, plan);
    context.log(
      `written ${report.written.length}, skipped ${report.skipped.length}, failed ${report.failed.length}`,
    );
    for (const failure of report.failed) context.log(`failed: ${failure.request}: ${failure.message}`);
    const result = {
      snapshot: snapshot.seq,
      plan,
      report,
      sealedTemporaryPasswords:
        temporaryPasswords.length > 0 ? box.sealJson(TEMPORARY_PASSWORDS_PURPOSE, temporaryPasswords) : null,
    };
    if (report.failed.length > 0 && report.written.length === 0) {
      throw new Error(`nothing could be written: ${report.failed[0]?.message ?? 'every write failed'}`);
    }
    return { status: report.failed.length > 0 ? 'partial' : 'succeeded', result };
  };
}

// Jobs that keep an organization's repository healthy: check (structure, and with
// readData every blob) and retention (forget the snapshots the settings no longer keep,
// mark them forgotten in the catalog, then prune the data nothing references).
import { hasRules } from '../../repository/index.js';
import type { OrganizationServices } from '../organizations/index.js';
import { retentionRulesOf } from '../organizations/settings.js';
import type { JobContext, JobOutcome } from '../queue/types.js';
import { organizationWork } from './organization-work.js';
import type { CheckRequest, JobPayload, RetentionRequest } from './requests.js';
import { retryingTransient } from './transient.js';

/** Problems named in a failed check's error; the result lists them all. */
const NAMED_PROBLEMS = 5;

export function repositoryCheckJob(services: OrganizationServices) {
  return async (context: JobContext<JobPayload<CheckRequest>>): Promise<JobOutcome> => {
    const work = await organizationWork(services, context.job.payload.organizationId);
    const repository = await work.repository();
    const report = await retryingTransient(() =>
      repository.check({ readData: context.job.payload.request.readData }),
    );
    for (const problem of report.errors) context.log(`${problem.file}: ${problem.message}`);
    if (report.errors.length > 0) {
      const named = report.errors
        .slice(0, NAMED_PROBLEMS)
        .map((problem) => problem.file)
        .join(', ');
      const more =
        report.errors.length > NAMED_PROBLEMS ? ` and ${report.errors.length - NAMED_PROBLEMS} more` : '';
      throw new Error(`the repository check found ${report.errors.length} problems: ${named}${more}`);
    }
    return { result: report };
  };
}

export function retentionJob(services: OrganizationServices) {
  return async (context: JobContext<JobPayload<RetentionRequest>>): Promise<JobOutcome> => {
    const work = await organizationWork(services, context.job.payload.organizationId);
    const rules = retentionRulesOf(work.settings);
    if (!hasRules(rules)) {
      context.log('retention keeps everything: no keep rule is set');
      return { result: { removed: [], prune: null } };
    }
    const repository = await work.repository();
    const forgotten = await retryingTransient(() => repository.forget(rules));
    await work.catalog.forgetSnapshots(work.organization.tenantId, forgotten.removed);
    context.log(`forgot ${forgotten.removed.length} snapshots`);
    context.signal.throwIfAborted();
    const prune = await retryingTransient(() => repository.prune());
    context.log(`pruned: ${JSON.stringify(prune)}`);
    return { result: { removed: forgotten.removed, prune } };
  };
}

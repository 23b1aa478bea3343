// Restoring one object to a version: first a dry run, whose plan lists every Graph write in
// words, then — only when the person says so — the restore itself and its report. Both run
// as jobs of the service, so they also show in Jobs with their logs.
import {
  Button,
  Field,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  Select,
  Spinner,
  Text,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { useState, type ReactNode } from 'react';
import { Link } from 'react-router';
import { api, unwrap, type ApiProblem } from '../api/client';
import type { DirectoryType, Job, ObjectVersion } from '../api/types';
import { asProblem } from '../use-load';
import { waitForJob } from '../wait-for-job';
import { Problem } from './status';

/** What a restore job's result holds (the API hands it over as plain JSON). */
interface ItemRef {
  type: string;
  id: string;
  displayName: string | null;
}
interface PlannedWrite {
  step: number;
  method: 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  url: string;
  why: string;
  item: ItemRef;
  dependsOn: number[];
}
interface RestoreResult {
  snapshot: number;
  plan: { writes: PlannedWrite[]; skipped: { item: ItemRef; reason: string }[] };
  report?: {
    written: { step: number; request: string; why: string }[];
    skipped: { reason: string; request?: string }[];
    failed: { step: number; request: string; message: string }[];
    idMap: { item: ItemRef; property: string; old: string; new: string }[];
  };
  temporaryPasswordsAvailable?: boolean;
}

const VERBS: Record<PlannedWrite['method'], string> = {
  POST: 'Create or add',
  PATCH: 'Change',
  PUT: 'Set',
  DELETE: 'Remove',
};

const useStyles = makeStyles({
  row: { display: 'flex', gap: tokens.spacingHorizontalM, alignItems: 'flex-end', flexWrap: 'wrap' },
  steps: {
    margin: 0,
    paddingLeft: tokens.spacingHorizontalXL,
    display: 'grid',
    gap: tokens.spacingVerticalS,
  },
  request: {
    fontFamily: tokens.fontFamilyMonospace,
    fontSize: tokens.fontSizeBase200,
    overflowWrap: 'anywhere',
  },
});

type Stage =
  | { step: 'choose' }
  | { step: 'planning' | 'restoring'; job?: Job }
  | { step: 'planned'; job: Job; result: RestoreResult }
  | { step: 'restored'; job: Job; result: RestoreResult };

export function RestorePanel({
  organizationId,
  type,
  id,
  versions,
  initialSnapshot,
}: {
  organizationId: string;
  type: DirectoryType;
  id: string;
  /** Oldest first. */
  versions: readonly ObjectVersion[];
  initialSnapshot: number;
}) {
  const styles = useStyles();
  const [at, setAt] = useState(initialSnapshot);
  const [newUsers, setNewUsers] = useState<'disabled' | 'temporary-password'>('disabled');
  const [stage, setStage] = useState<Stage>({ step: 'choose' });
  const [problem, setProblem] = useState<ApiProblem>();
  const [failure, setFailure] = useState<Job>();

  async function run(dryRun: boolean) {
    setProblem(undefined);
    setFailure(undefined);
    const step = dryRun ? 'planning' : 'restoring';
    setStage({ step });
    try {
      const { job } = await unwrap(
        api.POST('/api/organizations/{organizationId}/jobs/restore', {
          params: { path: { organizationId } },
          body: { at: String(at), ids: [id], dryRun, ...(type === 'users' ? { newUsers } : {}) },
        }),
      );
      const finished = await waitForJob(organizationId, job, (current) => setStage({ step, job: current }));
      const result = finished.result as RestoreResult | null;
      if ((finished.state === 'succeeded' || finished.state === 'partial') && result) {
        setStage({ step: dryRun ? 'planned' : 'restored', job: finished, result });
      } else {
        setFailure(finished);
        setStage({ step: 'choose' });
      }
    } catch (error) {
      setProblem(asProblem(error));
      setStage({ step: 'choose' });
    }
  }

  const busy = stage.step === 'planning' || stage.step === 'restoring';
  return (
    <>
      <div className={styles.row}>
        <Field label="Restore the version of">
          <Select
            value={String(at)}
            disabled={busy || stage.step === 'planned'}
            onChange={(_event, data) => setAt(Number(data.value))}
          >
            {[...versions].reverse().map((version) => (
              <option key={version.firstSnapshot} value={version.lastSnapshot}>
                {versionLabel(version)}
              </option>
            ))}
          </Select>
        </Field>
        {type === 'users' && (
          <Field label="If the user must be created again">
            <Select
              value={newUsers}
              disabled={busy || stage.step === 'planned'}
              onChange={(_event, data) => setNewUsers(data.value as typeof newUsers)}
            >
              <option value="disabled">Create it disabled</option>
              <option value="temporary-password">Give it a temporary password</option>
            </Select>
          </Field>
        )}
        {stage.step !== 'planned' && (
          <Button onClick={() => void run(true)} disabled={busy}>
            Plan the restore
          </Button>
        )}
      </div>
      {busy && (
        <Spinner
          size="small"
          labelPosition="after"
          label={stage.step === 'planning' ? 'Planning: nothing is written yet…' : 'Restoring…'}
        />
      )}
      {problem && <Problem problem={problem} />}
      {failure && (
        <MessageBar intent="error">
          <MessageBarBody>
            <MessageBarTitle>The restore did not run</MessageBarTitle>
            {failure.error ?? `The job ended ${failure.state}.`}{' '}
            <Link to={`/organizations/${organizationId}/jobs/${failure.id}`}>Its log</Link>
          </MessageBarBody>
        </MessageBar>
      )}
      {stage.step === 'planned' && (
        <Plan result={stage.result}>
          <div className={styles.row}>
            <Button
              appearance="primary"
              disabled={stage.result.plan.writes.length === 0}
              onClick={() => void run(false)}
            >
              Restore
            </Button>
            <Button onClick={() => setStage({ step: 'choose' })}>Change the choice</Button>
          </div>
        </Plan>
      )}
      {stage.step === 'restored' && (
        <Report organizationId={organizationId} job={stage.job} result={stage.result} />
      )}
    </>
  );
}

export function versionLabel(version: ObjectVersion): string {
  const range =
    version.firstSnapshot === version.lastSnapshot
      ? `snapshot #${version.firstSnapshot}`
      : `snapshots #${version.firstSnapshot}–#${version.lastSnapshot}`;
  return `${range} (${new Date(version.firstSeenAt).toLocaleString()})`;
}

function Plan({ result, children }: { result: RestoreResult; children: ReactNode }) {
  const styles = useStyles();
  const { writes, skipped } = result.plan;
  return (
    <section aria-label="Restore plan">
      <Text as="h3" weight="semibold">
        {writes.length === 0
          ? 'Nothing to write: the tenant already matches this version.'
          : `The restore will make ${writes.length === 1 ? '1 change' : `${writes.length} changes`} in the tenant:`}
      </Text>
      <ol className={styles.steps}>
        {writes.map((write) => (
          <li key={write.step}>
            <Text>
              {VERBS[write.method]} {write.item.displayName ?? write.item.id}: {write.why}
              {write.dependsOn.length > 0 && ` (after step ${write.dependsOn.join(', ')})`}
            </Text>
            <div className={styles.request}>
              {write.method} {write.url}
            </div>
          </li>
        ))}
      </ol>
      {skipped.length > 0 && (
        <>
          <Text as="h3" weight="semibold">
            Left alone
          </Text>
          <ul className={styles.steps}>
            {skipped.map((decision, index) => (
              <li key={index}>
                {decision.item.displayName ?? decision.item.id}: {decision.reason}
              </li>
            ))}
          </ul>
        </>
      )}
      {children}
    </section>
  );
}

function Report({
  organizationId,
  job,
  result,
}: {
  organizationId: string;
  job: Job;
  result: RestoreResult;
}) {
  const styles = useStyles();
  const [passwords, setPasswords] = useState<{ userPrincipalName: string; password: string }[]>();
  const [problem, setProblem] = useState<ApiProblem>();
  const report = result.report;
  if (!report) return null;

  async function showPasswords() {
    try {
      const answer = await unwrap(
        api.GET('/api/organizations/{organizationId}/jobs/{jobId}/temporary-passwords', {
          params: { path: { organizationId, jobId: job.id } },
        }),
      );
      setPasswords(answer.passwords);
    } catch (error) {
      setProblem(asProblem(error));
    }
  }

  return (
    <section aria-label="Restore report">
      <MessageBar intent={report.failed.length > 0 ? 'warning' : 'success'}>
        <MessageBarBody>
          <MessageBarTitle>{report.failed.length > 0 ? 'Restored in part' : 'Restored'}</MessageBarTitle>
          {report.written.length} written, {report.skipped.length} skipped, {report.failed.length} failed.{' '}
          <Link to={`/organizations/${organizationId}/jobs/${job.id}`}>The job and its log</Link>
        </MessageBarBody>
      </MessageBar>
      {report.failed.length > 0 && (
        <ul className={styles.steps}>
          {report.failed.map((failed) => (
            <li key={failed.step}>
              <span className={styles.request}>{failed.request}</span>: {failed.message}
            </li>
          ))}
        </ul>
      )}
      {report.idMap.length > 0 && (
        <ul className={styles.steps} aria-label="New ids">
          {report.idMap.map((entry) => (
            <li key={`${entry.item.id}:${entry.property}`}>
              {entry.item.displayName ?? entry.item.id} was created again: its {entry.property} is now{' '}
              <span className={styles.request}>{entry.new}</span> (was {entry.old})
            </li>
          ))}
        </ul>
      )}
      {result.temporaryPasswordsAvailable && !passwords && (
        <Button onClick={() => void showPasswords()}>Show the temporary passwords</Button>
      )}
      {passwords && (
        <ul className={styles.steps} aria-label="Temporary passwords">
          {passwords.map((entry) => (
            <li key={entry.userPrincipalName}>
              {entry.userPrincipalName}: <span className={styles.request}>{entry.password}</span>
            </li>
          ))}
        </ul>
      )}
      {problem && <Problem problem={problem} />}
    </section>
  );
}

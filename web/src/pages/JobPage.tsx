// One job, live: state, per-type counters and log lines refresh every second while it runs
// (no page reload), failure details in words, and Cancel.
import {
  Button,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  Text,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { useEffect, useState } from 'react';
import { Link, useParams } from 'react-router';
import { api, unwrap, type ApiProblem } from '../api/client';
import type { Job, JobLogLine } from '../api/types';
import { describeDuration, isActive, JobState } from '../components/JobState';
import { useOrganization } from '../components/OrganizationScope';
import { Section } from '../components/Section';
import { Loading, Problem } from '../components/status';
import { objectTypeLabel } from '../object-types';
import { asProblem } from '../use-load';

const POLL_MS = 1000;

const useStyles = makeStyles({
  summary: { display: 'flex', gap: tokens.spacingHorizontalL, alignItems: 'center', flexWrap: 'wrap' },
  table: { borderCollapse: 'collapse', minWidth: '360px' },
  cell: { textAlign: 'left', padding: `${tokens.spacingVerticalXS} ${tokens.spacingHorizontalM}` },
  logs: {
    maxHeight: '40vh',
    overflowY: 'auto',
    margin: 0,
    padding: tokens.spacingHorizontalM,
    backgroundColor: tokens.colorNeutralBackground3,
    fontFamily: tokens.fontFamilyMonospace,
    fontSize: tokens.fontSizeBase200,
    whiteSpace: 'pre-wrap',
  },
});

/** The per-type counters a backup reports. */
interface BackupProgress {
  current: string | null;
  types: Record<string, { items: number; finished: boolean; error: string | null }>;
}

function backupProgress(progress: unknown): BackupProgress | undefined {
  const candidate = progress as Partial<BackupProgress> | null;
  return candidate && typeof candidate.types === 'object' && candidate.types !== null
    ? (candidate as BackupProgress)
    : undefined;
}

export function JobPage() {
  const styles = useStyles();
  const { organization } = useOrganization();
  const { jobId = '' } = useParams();
  const organizationId = organization.id;
  const [job, setJob] = useState<Job>();
  const [lines, setLines] = useState<JobLogLine[]>([]);
  const [problem, setProblem] = useState<ApiProblem>();
  const [cancelling, setCancelling] = useState(false);
  const active = job === undefined || isActive(job);
  const lastSeq = lines.at(-1)?.seq;

  useEffect(() => {
    let stopped = false;
    async function poll() {
      try {
        const path = { organizationId, jobId };
        const [current, logs] = await Promise.all([
          unwrap(api.GET('/api/organizations/{organizationId}/jobs/{jobId}', { params: { path } })),
          unwrap(
            api.GET('/api/organizations/{organizationId}/jobs/{jobId}/logs', {
              params: { path, query: lastSeq === undefined ? {} : { after: lastSeq } },
            }),
          ),
        ]);
        if (stopped) return;
        setJob(current);
        if (logs.lines.length > 0) setLines((previous) => [...previous, ...logs.lines]);
      } catch (error) {
        if (!stopped) setProblem(asProblem(error));
      }
    }
    if (!active && job !== undefined) return;
    const timer = setTimeout(() => void poll(), job === undefined ? 0 : POLL_MS);
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, [organizationId, jobId, active, job, lastSeq]);

  async function cancel() {
    setCancelling(true);
    try {
      setJob(
        await unwrap(
          api.POST('/api/organizations/{organizationId}/jobs/{jobId}/cancel', {
            params: { path: { organizationId, jobId } },
          }),
        ),
      );
    } catch (error) {
      setProblem(asProblem(error));
    } finally {
      setCancelling(false);
    }
  }

  if (problem && !job) return <Problem problem={problem} />;
  if (!job) return <Loading label="Loading the job…" />;
  const progress = backupProgress(job.progress);
  return (
    <>
      <Section title={`${job.kind[0]?.toUpperCase()}${job.kind.slice(1)} job`}>
        <div className={styles.summary} aria-live="polite">
          <JobState job={job} />
          <Text>Started {new Date(job.startedAt ?? job.createdAt).toLocaleString()}</Text>
          <Text>Took {describeDuration(job.durationMs)}</Text>
          {job.attempt > 1 && (
            <Text>
              Attempt {job.attempt} of {job.retryLimit + 1}
            </Text>
          )}
          {isActive(job) && !job.cancelRequested && (
            <Button onClick={() => void cancel()} disabled={cancelling}>
              Cancel
            </Button>
          )}
          <Link to=".." relative="path">
            All jobs
          </Link>
        </div>
        {job.error && (
          <MessageBar intent="error">
            <MessageBarBody>
              <MessageBarTitle>Why it failed</MessageBarTitle>
              {job.error}
            </MessageBarBody>
          </MessageBar>
        )}
        {problem && <Problem problem={problem} />}
      </Section>
      {progress && (
        <Section title="Progress">
          <table className={styles.table} aria-label="Progress by object type">
            <thead>
              <tr>
                <th className={styles.cell}>Object type</th>
                <th className={styles.cell}>Items</th>
                <th className={styles.cell}>State</th>
              </tr>
            </thead>
            <tbody>
              {Object.entries(progress.types).map(([type, counters]) => (
                <tr key={type}>
                  <td className={styles.cell}>{objectTypeLabel(type)}</td>
                  <td className={styles.cell}>{counters.items.toLocaleString()}</td>
                  <td className={styles.cell}>
                    {counters.error ? `Failed: ${counters.error}` : counters.finished ? 'Done' : 'Reading…'}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </Section>
      )}
      <Section title="Log">
        {lines.length === 0 ? (
          <Text>No log lines yet.</Text>
        ) : (
          <pre className={styles.logs} aria-label="Job log">
            {lines.map((line) => `${new Date(line.at).toLocaleTimeString()}  ${line.line}`).join('\n')}
          </pre>
        )}
      </Section>
    </>
  );
}

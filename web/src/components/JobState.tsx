// A job's state as a badge people read at a glance.
import { Badge } from '@fluentui/react-components';
import type { Job } from '../api/types';

const LOOK: Record<
  Job['state'],
  { color: 'informative' | 'brand' | 'success' | 'warning' | 'danger' | 'subtle'; label: string }
> = {
  queued: { color: 'informative', label: 'Waiting' },
  running: { color: 'brand', label: 'Running' },
  succeeded: { color: 'success', label: 'Succeeded' },
  partial: { color: 'warning', label: 'Partly failed' },
  failed: { color: 'danger', label: 'Failed' },
  cancelled: { color: 'subtle', label: 'Cancelled' },
};

export const isActive = (job: Job) => job.state === 'queued' || job.state === 'running';

export function JobState({ job }: { job: Job }) {
  const look = LOOK[job.state];
  return (
    <Badge color={look.color} appearance="filled">
      {job.cancelRequested && isActive(job) ? 'Cancelling' : look.label}
    </Badge>
  );
}

export function describeDuration(milliseconds: number | null): string {
  if (milliseconds === null) return '–';
  const seconds = Math.round(milliseconds / 1000);
  return seconds < 60 ? `${seconds} s` : `${Math.floor(seconds / 60)} min ${seconds % 60} s`;
}

// Choosing the snapshot a page shows: the newest by default, any older one by its number
// and time.
import { Field, Select } from '@fluentui/react-components';
import type { Snapshot } from '../api/types';

export function snapshotLabel(snapshot: Snapshot): string {
  const status = snapshot.status === 'succeeded' ? '' : ` (${snapshot.status})`;
  return `#${snapshot.seq} · ${new Date(snapshot.startedAt).toLocaleString()}${status}`;
}

export function SnapshotPicker({
  snapshots,
  value,
  onChange,
}: {
  /** Newest first. */
  snapshots: readonly Snapshot[];
  value: number;
  onChange: (seq: number) => void;
}) {
  return (
    <Field label="Snapshot">
      <Select value={String(value)} onChange={(_event, data) => onChange(Number(data.value))}>
        {snapshots.map((snapshot, index) => (
          <option key={snapshot.seq} value={snapshot.seq}>
            {snapshotLabel(snapshot)}
            {index === 0 ? ' — latest' : ''}
          </option>
        ))}
      </Select>
    </Field>
  );
}

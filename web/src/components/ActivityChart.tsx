// Protected objects and changes over the last snapshots, drawn as plain SVG: a line of the
// objects each snapshot holds above bars of what it added, changed and removed. Bars grow
// with the square root of the count, so a first backup that adds everything leaves the
// few changes of later ones visible. Each point and bar carries its numbers as a tooltip;
// the figure's label sums it up for screen readers.
import { Text, makeStyles, tokens } from '@fluentui/react-components';
import type { Snapshot } from '../api/types';

const WIDTH = 640;
const LINE_HEIGHT = 90;
const BAR_HEIGHT = 90;
const GAP = 24;
const LEFT = 48;
const SHOWN = 30;

const SERIES = [
  { key: 'added', label: 'Added', color: tokens.colorPaletteGreenForeground1 },
  { key: 'changed', label: 'Changed', color: tokens.colorPaletteMarigoldForeground1 },
  { key: 'removed', label: 'Removed', color: tokens.colorPaletteRedForeground1 },
] as const;

const useStyles = makeStyles({
  svg: { width: '100%', maxWidth: `${WIDTH}px`, height: 'auto' },
  legend: { display: 'flex', gap: tokens.spacingHorizontalL, flexWrap: 'wrap' },
  swatch: { display: 'inline-block', width: '10px', height: '10px', marginRight: tokens.spacingHorizontalXS },
  axis: { fontSize: '10px', fill: tokens.colorNeutralForeground3 },
});

export function ActivityChart({ snapshots }: { snapshots: readonly Snapshot[] }) {
  const styles = useStyles();
  // The API lists newest first; the chart reads left to right, oldest first.
  const shown = snapshots.slice(0, SHOWN).reverse();
  if (shown.length === 0) return null;
  const slot = (WIDTH - LEFT) / shown.length;
  const x = (index: number) => LEFT + slot * index + slot / 2;
  const maxItems = Math.max(1, ...shown.map((snapshot) => snapshot.items));
  const maxChanges = Math.max(
    1,
    ...shown.map((snapshot) => snapshot.added + snapshot.changed + snapshot.removed),
  );
  const lineY = (items: number) => LINE_HEIGHT - (items / maxItems) * (LINE_HEIGHT - 8);
  const barTop = LINE_HEIGHT + GAP;
  const barScale = (count: number) => Math.sqrt(count / maxChanges) * BAR_HEIGHT;
  const first = shown[0] as Snapshot;
  const last = shown.at(-1) as Snapshot;
  const summary =
    `Over ${shown.length} snapshots protected objects went from ${first.items.toLocaleString()} ` +
    `to ${last.items.toLocaleString()}; the latest added ${last.added}, changed ${last.changed} and removed ${last.removed}.`;

  return (
    <figure style={{ margin: 0 }}>
      <svg
        className={styles.svg}
        viewBox={`0 0 ${WIDTH} ${barTop + BAR_HEIGHT + 16}`}
        role="img"
        aria-label={summary}
      >
        <text className={styles.axis} x={0} y={10}>
          {maxItems.toLocaleString()}
        </text>
        <text className={styles.axis} x={0} y={LINE_HEIGHT}>
          objects
        </text>
        <polyline
          fill="none"
          stroke={tokens.colorBrandForeground1}
          strokeWidth={2}
          points={shown.map((snapshot, index) => `${x(index)},${lineY(snapshot.items)}`).join(' ')}
        />
        {shown.map((snapshot, index) => (
          <circle
            key={snapshot.seq}
            cx={x(index)}
            cy={lineY(snapshot.items)}
            r={3}
            fill={tokens.colorBrandForeground1}
          >
            <title>{`#${snapshot.seq}: ${snapshot.items.toLocaleString()} objects`}</title>
          </circle>
        ))}
        <text className={styles.axis} x={0} y={barTop + 10}>
          {maxChanges.toLocaleString()}
        </text>
        <text className={styles.axis} x={0} y={barTop + BAR_HEIGHT}>
          changes (√)
        </text>
        {shown.map((snapshot, index) => {
          let bottom = barTop + BAR_HEIGHT;
          return (
            <g key={snapshot.seq}>
              <title>{`#${snapshot.seq} (${new Date(snapshot.startedAt).toLocaleString()}): ${snapshot.added} added, ${snapshot.changed} changed, ${snapshot.removed} removed`}</title>
              {SERIES.map((series) => {
                const height = barScale(snapshot[series.key]);
                bottom -= height;
                return (
                  <rect
                    key={series.key}
                    x={x(index) - Math.min(slot * 0.35, 12)}
                    width={Math.min(slot * 0.7, 24)}
                    y={bottom}
                    height={height}
                    fill={series.color}
                  />
                );
              })}
              <text className={styles.axis} x={x(index)} y={barTop + BAR_HEIGHT + 12} textAnchor="middle">
                {shown.length <= 15 || index % 5 === 0 ? `#${snapshot.seq}` : ''}
              </text>
            </g>
          );
        })}
      </svg>
      <figcaption className={styles.legend}>
        <Text size={200}>
          <span className={styles.swatch} style={{ backgroundColor: tokens.colorBrandForeground1 }} />
          Protected objects
        </Text>
        {SERIES.map((series) => (
          <Text key={series.key} size={200}>
            <span className={styles.swatch} style={{ backgroundColor: series.color }} />
            {series.label}
          </Text>
        ))}
      </figcaption>
    </figure>
  );
}

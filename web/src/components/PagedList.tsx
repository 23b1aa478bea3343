// A list that can be 100,000 rows long: only the rows in view are in the page (virtualized),
// and the next page is asked from the server as the reader scrolls near the end.
import { Spinner, makeStyles, tokens } from '@fluentui/react-components';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useRef, type ReactNode } from 'react';

const useStyles = makeStyles({
  viewport: {
    height: '60vh',
    minHeight: '240px',
    overflowY: 'auto',
    border: `1px solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
  },
  header: {
    position: 'sticky',
    top: 0,
    zIndex: 1,
    backgroundColor: tokens.colorNeutralBackground3,
    fontWeight: tokens.fontWeightSemibold,
  },
  row: {
    position: 'absolute',
    left: 0,
    width: '100%',
    borderBottom: `1px solid ${tokens.colorNeutralStroke3}`,
    boxSizing: 'border-box',
  },
});

export function PagedList<T>({
  label,
  items,
  header,
  rowHeight,
  row,
  hasMore,
  loadingMore,
  loadMore,
}: {
  label: string;
  items: readonly T[];
  header: ReactNode;
  rowHeight: number;
  row: (item: T, index: number) => ReactNode;
  hasMore: boolean;
  loadingMore: boolean;
  loadMore: () => void;
}) {
  const styles = useStyles();
  const viewport = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: items.length,
    getScrollElement: () => viewport.current,
    estimateSize: () => rowHeight,
    overscan: 10,
  });
  const rows = virtualizer.getVirtualItems();
  const last = rows.at(-1)?.index ?? -1;

  useEffect(() => {
    if (hasMore && !loadingMore && last >= items.length - 10) loadMore();
  }, [hasMore, loadingMore, last, items.length, loadMore]);

  return (
    <div
      ref={viewport}
      className={styles.viewport}
      role="table"
      aria-label={label}
      aria-rowcount={items.length}
    >
      <div className={styles.header} role="rowgroup">
        {header}
      </div>
      <div role="rowgroup" style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
        {rows.map((virtual) => (
          <div
            key={virtual.key}
            className={styles.row}
            role="row"
            aria-rowindex={virtual.index + 1}
            style={{ top: virtual.start, height: virtual.size }}
          >
            {row(items[virtual.index] as T, virtual.index)}
          </div>
        ))}
      </div>
      {loadingMore && <Spinner size="tiny" label="Loading more…" />}
    </div>
  );
}

// A server-paged table with its loading, failed and empty states: the pages' rows in a
// virtualized list (PagedList), laid out on one grid of the columns given.
import { makeStyles, tokens } from '@fluentui/react-components';
import type { ReactNode } from 'react';
import type { Pages } from '../use-pages';
import { PagedList } from './PagedList';
import { Loading, Problem } from './status';

export interface Column {
  header: string;
  /** A CSS grid track: '120px', 'minmax(160px, 2fr)'. */
  width: string;
}

const useStyles = makeStyles({
  grid: {
    display: 'grid',
    gap: tokens.spacingHorizontalM,
    alignItems: 'center',
    height: '100%',
    padding: `0 ${tokens.spacingHorizontalM}`,
  },
  header: { padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalM}` },
});

/** For a cell whose text may be longer than its column: cut with an ellipsis. */
export const useCellStyles = makeStyles({
  cell: { overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' },
});

export function PagedTable<T>({
  pages,
  label,
  loadingLabel,
  empty,
  columns,
  rowHeight,
  row,
}: {
  pages: Pages<T>;
  label: string;
  loadingLabel: string;
  /** Shown when the first page came back with nothing. */
  empty: ReactNode;
  columns: readonly Column[];
  rowHeight: number;
  /** The row's cells, one per column (role="cell"). */
  row: (item: T) => ReactNode;
}) {
  const styles = useStyles();
  const tracks = { gridTemplateColumns: columns.map((column) => column.width).join(' ') };
  return (
    <>
      {pages.state === 'loading' && <Loading label={loadingLabel} />}
      {pages.state === 'failed' && pages.problem && <Problem problem={pages.problem} retry={pages.reload} />}
      {pages.state === 'ready' && pages.items.length === 0 && empty}
      {pages.items.length > 0 && (
        <PagedList
          label={label}
          items={pages.items}
          rowHeight={rowHeight}
          hasMore={pages.hasMore}
          loadingMore={pages.loadingMore}
          loadMore={pages.loadMore}
          header={
            <div className={`${styles.grid} ${styles.header}`} role="row" style={tracks}>
              {columns.map((column) => (
                <span key={column.header} role="columnheader">
                  {column.header}
                </span>
              ))}
            </div>
          }
          row={(item) => (
            <div className={styles.grid} style={tracks}>
              {row(item)}
            </div>
          )}
        />
      )}
    </>
  );
}

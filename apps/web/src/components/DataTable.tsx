import type { ReactNode } from 'react';
import { useI18n } from '../i18n/i18n';

export interface Column<T> {
  key: string;
  header: string;
  render: (row: T) => ReactNode;
  align?: 'right';
  /** The API's sort name for this column; absent: not sortable. */
  sortKey?: string;
}

/** Which column the rows are sorted by, and what a click on a sortable header does. */
export interface TableSort {
  by: string;
  dir: 'asc' | 'desc';
  onSort: (sortKey: string) => void;
}

/** A table that scrolls sideways on a phone rather than squeezing its columns. */
export function DataTable<T>({
  rows,
  columns,
  rowKey,
  testId,
  onRowClick,
  sort,
}: {
  rows: readonly T[];
  columns: Column<T>[];
  rowKey: (row: T) => string;
  testId: string;
  onRowClick?: (row: T) => void;
  sort?: TableSort;
}) {
  const { t } = useI18n();
  if (rows.length === 0)
    return (
      <p className="muted" data-testid={`${testId}-empty`}>
        {t('app.empty')}
      </p>
    );
  return (
    <div className="table-scroll">
      <table data-testid={testId}>
        <thead>
          <tr>
            {columns.map((column) => {
              const sorted = sort && column.sortKey === sort.by ? sort.dir : undefined;
              return (
                <th
                  key={column.key}
                  className={column.align}
                  aria-sort={
                    sorted === 'asc' ? 'ascending' : sorted === 'desc' ? 'descending' : undefined
                  }
                >
                  {sort && column.sortKey ? (
                    <button
                      type="button"
                      className="sort"
                      data-testid={`sort-${column.sortKey}`}
                      title={t('list.sortBy', { column: column.header })}
                      onClick={() => sort.onSort(column.sortKey as string)}
                    >
                      {column.header}
                      {sorted === 'asc' ? ' ▲' : sorted === 'desc' ? ' ▼' : ''}
                    </button>
                  ) : (
                    column.header
                  )}
                </th>
              );
            })}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr
              key={rowKey(row)}
              data-testid={`${testId}-row`}
              className={onRowClick ? 'clickable' : undefined}
              onClick={onRowClick ? () => onRowClick(row) : undefined}
              // A row that opens something is reached with Tab and opened with Enter or Space.
              tabIndex={onRowClick ? 0 : undefined}
              onKeyDown={
                onRowClick
                  ? (event) => {
                      if (event.target !== event.currentTarget) return;
                      if (event.key === 'Enter' || event.key === ' ') {
                        event.preventDefault();
                        onRowClick(row);
                      }
                    }
                  : undefined
              }
            >
              {columns.map((column) => (
                <td key={column.key} className={column.align}>
                  {column.render(row)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

import type { ReactNode } from 'react';
import { useI18n } from '../i18n/i18n';

export interface Column<T> {
  key: string;
  header: string;
  render: (row: T) => ReactNode;
  align?: 'right';
}

/** A table that scrolls sideways on a phone rather than squeezing its columns. */
export function DataTable<T>({
  rows,
  columns,
  rowKey,
  testId,
  onRowClick,
}: {
  rows: readonly T[];
  columns: Column<T>[];
  rowKey: (row: T) => string;
  testId: string;
  onRowClick?: (row: T) => void;
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
            {columns.map((column) => (
              <th key={column.key} className={column.align}>
                {column.header}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr
              key={rowKey(row)}
              data-testid={`${testId}-row`}
              className={onRowClick ? 'clickable' : undefined}
              onClick={onRowClick ? () => onRowClick(row) : undefined}
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

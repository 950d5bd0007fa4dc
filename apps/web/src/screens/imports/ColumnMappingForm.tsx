import { IMPORT_FIELDS, IMPORT_FIELD_LABELS, type ImportField } from '@chidao/domain';
import { useState, type FormEvent } from 'react';
import { Field } from '../../components/Field';
import { useI18n } from '../../i18n/i18n';
import type { ImportMapping, ImportSheet } from './import-api';

type Columns = Partial<Record<ImportField, string>>;

/** The columns the dry run recognised on a sheet, field → letter. */
const recognised = (sheet: ImportSheet | undefined): Columns =>
  Object.fromEntries(
    (sheet?.columns ?? []).flatMap((column) =>
      column.field === null ? [] : [[column.field, column.column]],
    ),
  );

// A sheet whose header was not found lists no columns: offer A to Z by letter alone.
const LETTERS = Array.from({ length: 26 }, (_, i) => String.fromCharCode(65 + i));

/**
 * "Chọn cột thủ công": for each piece of information a task has, the file's column that holds
 * it (by letter and heading); "Kiểm tra lại" runs the dry run again with the same file.
 */
export function ColumnMappingForm({
  sheets,
  busy,
  onCheck,
}: {
  sheets: readonly ImportSheet[];
  busy: boolean;
  onCheck: (mapping: ImportMapping) => void;
}) {
  const { t, language } = useI18n();
  const first = sheets.find((sheet) => sheet.headerRow !== null) ?? sheets[0];
  const [sheetName, setSheetName] = useState(first?.name ?? '');
  const sheet = sheets.find((s) => s.name === sheetName);
  const [headerRow, setHeaderRow] = useState(String(sheet?.headerRow ?? ''));
  const [columns, setColumns] = useState<Columns>(() => recognised(sheet));

  const chooseSheet = (name: string) => {
    const next = sheets.find((s) => s.name === name);
    setSheetName(name);
    setHeaderRow(String(next?.headerRow ?? ''));
    setColumns(recognised(next));
  };

  const options =
    sheet && sheet.columns.length > 0
      ? sheet.columns.map((column) => ({
          value: column.column,
          label: column.heading
            ? t('imports.mapping.option', {
                column: column.column,
                heading: column.heading.replace(/\s+/g, ' '),
              })
            : t('imports.mapping.letter', { column: column.column }),
        }))
      : LETTERS.map((letter) => ({
          value: letter,
          label: t('imports.mapping.letter', { column: letter }),
        }));

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const row = Number(headerRow.trim());
    onCheck({
      ...(sheetName ? { sheet: sheetName } : {}),
      ...(Number.isInteger(row) && row > 0 ? { headerRow: row } : {}),
      columns: Object.fromEntries(IMPORT_FIELDS.map((field) => [field, columns[field] ?? null])),
    });
  };

  return (
    <details className="card" data-testid="import-mapping">
      <summary>{t('imports.mapping')}</summary>
      <p className="muted">{t('imports.mapping.hint')}</p>
      <form onSubmit={submit} noValidate>
        <div className="row">
          {sheets.length > 1 && (
            <Field label={t('imports.mapping.sheet')}>
              <select
                data-testid="import-mapping-sheet"
                value={sheetName}
                onChange={(e) => chooseSheet(e.target.value)}
              >
                {sheets.map((s) => (
                  <option key={s.name} value={s.name}>
                    {s.name}
                  </option>
                ))}
              </select>
            </Field>
          )}
          <Field label={t('imports.mapping.headerRow')}>
            <input
              inputMode="numeric"
              data-testid="import-mapping-header-row"
              value={headerRow}
              onChange={(e) => setHeaderRow(e.target.value)}
            />
          </Field>
        </div>
        <div className="row">
          {IMPORT_FIELDS.map((field) => (
            <Field key={field} label={IMPORT_FIELD_LABELS[field][language]}>
              <select
                data-testid={`import-mapping-${field}`}
                value={columns[field] ?? ''}
                onChange={(e) => setColumns({ ...columns, [field]: e.target.value || undefined })}
              >
                <option value="">{t('imports.mapping.none')}</option>
                {options.map((option) => (
                  <option key={option.value} value={option.value}>
                    {option.label}
                  </option>
                ))}
              </select>
            </Field>
          ))}
        </div>
        <div className="actions">
          <button type="submit" data-testid="import-recheck" disabled={busy}>
            {t('imports.recheck')}
          </button>
        </div>
      </form>
    </details>
  );
}

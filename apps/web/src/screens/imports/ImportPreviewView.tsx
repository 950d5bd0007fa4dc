import { IMPORT_FIELD_LABELS } from '@chidao/domain';
import { DataTable } from '../../components/DataTable';
import { formatNumber } from '../../format/format';
import { useI18n } from '../../i18n/i18n';
import type { ImportAnswer, ImportProblem, ImportSheet, ImportTask } from './import-api';
import { changeInWords, deadlineInWords, fileSizeInWords, progressInWords } from './import-words';

/** What the dry run read: the file, each sheet's columns, the problems and the tasks. */
export function ImportPreviewView({ answer }: { answer: ImportAnswer }) {
  const { t, language } = useI18n();
  return (
    <>
      <div className="card" data-testid="import-summary">
        <p>
          {t('imports.fileInfo', {
            name: answer.fileName,
            size: fileSizeInWords(answer.bytes, t, language),
          })}
        </p>
        <p className="total" data-testid="import-counts">
          {t('imports.counts', {
            tasks: formatNumber(answer.counts.tasks),
            errors: formatNumber(answer.counts.errors),
            warnings: formatNumber(answer.counts.warnings),
          })}
        </p>
      </div>
      {answer.sheets.map((sheet) => (
        <SheetColumns key={sheet.name} sheet={sheet} />
      ))}
      <Problems answer={answer} />
      <TasksPreview answer={answer} />
    </>
  );
}

function SheetColumns({ sheet }: { sheet: ImportSheet }) {
  const { t, language } = useI18n();
  return (
    <section data-testid="import-sheet">
      <h2>{t('imports.sheet', { name: sheet.name })}</h2>
      {sheet.headerRow === null ? (
        <p className="muted">{t('imports.sheet.noHeader')}</p>
      ) : (
        <>
          <p className="muted">
            {t('imports.sheet.header', {
              row: sheet.headerRow,
              counts: t('imports.counts', {
                tasks: formatNumber(sheet.tasks),
                errors: formatNumber(sheet.errors),
                warnings: formatNumber(sheet.warnings),
              }),
            })}
          </p>
          <DataTable
            testId="import-columns"
            rows={sheet.columns}
            rowKey={(column) => column.column}
            columns={[
              {
                key: 'column',
                header: t('imports.columns.column'),
                render: (column) => column.column,
              },
              {
                key: 'heading',
                header: t('imports.columns.heading'),
                render: (column) => column.heading,
              },
              {
                key: 'field',
                header: t('imports.columns.field'),
                render: (column) =>
                  column.field === null ? (
                    <span className="bad">{t('imports.columns.unknown')}</span>
                  ) : (
                    IMPORT_FIELD_LABELS[column.field][language]
                  ),
              },
            ]}
          />
        </>
      )}
    </section>
  );
}

function Problems({ answer }: { answer: ImportAnswer }) {
  const { t, language } = useI18n();
  // Errors first, warnings after, each in the order the file has them.
  const problems: ImportProblem[] = [
    ...answer.problems.filter((p) => p.severity === 'error'),
    ...answer.problems.filter((p) => p.severity === 'warning'),
  ];
  const listed = answer.counts.errors + answer.counts.warnings;
  return (
    <section>
      <h2>{t('imports.problems')}</h2>
      {problems.length === 0 ? (
        <p className="ok" data-testid="import-problems-empty">
          {t('imports.problems.none')}
        </p>
      ) : (
        <div className="table-scroll">
          <table data-testid="import-problems">
            <thead>
              <tr>
                <th>{t('imports.problem.severity')}</th>
                <th>{t('imports.problem.sheet')}</th>
                <th className="right">{t('imports.problem.row')}</th>
                <th>{t('imports.problem.column')}</th>
                <th>{t('imports.problem.value')}</th>
                <th>{t('imports.problem.what')}</th>
              </tr>
            </thead>
            <tbody>
              {problems.map((problem, index) => (
                <tr
                  key={index}
                  className={`problem-${problem.severity}`}
                  data-testid={`import-problem-${problem.severity}`}
                >
                  <td className="severity">{t(`imports.problem.${problem.severity}`)}</td>
                  <td>{problem.sheet}</td>
                  <td className="right">{problem.row}</td>
                  <td className="pre-line">{problem.column ?? t('imports.problem.wholeRow')}</td>
                  <td>{problem.value ?? '—'}</td>
                  <td>{language === 'vi' ? problem.vi : problem.en}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {problems.length < listed && (
        <p className="muted">
          {t('imports.problems.more', { shown: formatNumber(problems.length) })}
        </p>
      )}
    </section>
  );
}

function TasksPreview({ answer }: { answer: ImportAnswer }) {
  const { t } = useI18n();
  const severalSheets = answer.sheets.length > 1;
  return (
    <section>
      <h2>{t('imports.preview')}</h2>
      <DataTable<ImportTask>
        testId="import-tasks"
        rows={answer.tasks}
        rowKey={(task) => `${task.sheet}\u0000${task.row}`}
        columns={[
          {
            key: 'number',
            header: t('imports.task.number'),
            align: 'right',
            render: (task) => answer.tasks.indexOf(task) + 1,
          },
          {
            key: 'row',
            header: t('imports.task.row'),
            align: 'right',
            render: (task) =>
              severalSheets
                ? t('imports.task.rowOf', { row: task.row, sheet: task.sheet })
                : task.row,
          },
          {
            key: 'reference',
            header: t('imports.task.reference'),
            render: (task) => task.documentReference ?? '—',
          },
          { key: 'title', header: t('imports.task.title'), render: (task) => task.title },
          { key: 'lead', header: t('imports.task.lead'), render: (task) => task.leadAgencyName },
          {
            key: 'deadline',
            header: t('imports.task.deadline'),
            render: (task) => deadlineInWords(task.deadline, t),
          },
          {
            key: 'progress',
            header: t('imports.task.progress'),
            render: (task) => progressInWords(task, t),
          },
          // Against the tasks already recorded: absent until the dry run compares them.
          ...(answer.tasks.some((task) => task.change)
            ? [
                {
                  key: 'change',
                  header: t('imports.task.change'),
                  render: (task: ImportTask) => changeInWords(task, t),
                },
              ]
            : []),
        ]}
      />
      {answer.tasks.length < answer.counts.tasks && (
        <p className="muted">
          {t('imports.preview.more', {
            shown: formatNumber(answer.tasks.length),
            total: formatNumber(answer.counts.tasks),
          })}
        </p>
      )}
    </section>
  );
}

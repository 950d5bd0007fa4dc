import { useState, type ChangeEvent } from 'react';
import { useParams } from 'react-router';
import { useSession } from '../../auth/session';
import { FormError } from '../../components/FormError';
import { Loading } from '../../components/Loading';
import { useAsync } from '../../components/use-async';
import { useForm } from '../../components/use-form';
import { useI18n } from '../../i18n/i18n';
import { ColumnMappingForm } from './ColumnMappingForm';
import { ImportCommit, ImportDiffView } from './ImportCommit';
import { ImportPreviewView } from './ImportPreviewView';
import { AliasRemembered, UnmatchedNames } from './UnmatchedNames';
import { dryRunImport, readImport, type ImportAnswer, type ImportMapping } from './import-api';

/**
 * "Nhập danh sách nhiệm vụ" (docs/imports.md): a file chosen is checked by a dry run and shown
 * row by row; the columns can be chosen by hand and unknown agency names remembered, each time
 * checking the same file again; then "Nhập vào hệ thống". `/imports/:id` shows a past import.
 */
export function ImportScreen() {
  const { t } = useI18n();
  const { user } = useSession();
  const { id } = useParams();
  return (
    <section data-testid="screen-imports">
      <h1>{t('imports.title')}</h1>
      {!user?.agency ? (
        <p>{t('imports.noAgency')}</p>
      ) : id ? (
        <PastImport key={id} id={id} />
      ) : (
        <NewImport />
      )}
    </section>
  );
}

function NewImport() {
  const { t } = useI18n();
  const form = useForm();
  const [file, setFile] = useState<File | null>(null);
  const [mapping, setMapping] = useState<ImportMapping | null>(null);
  const [answer, setAnswer] = useState<ImportAnswer | null>(null);
  // Each dry run starts the forms under it afresh, from what that run recognised.
  const [run, setRun] = useState(0);
  // Said above the answer: the check it triggers replaces the table it was said in.
  const [remembered, setRemembered] = useState<string | null>(null);

  const check = (chosen: File, withMapping: ImportMapping | null) => {
    setMapping(withMapping);
    void form
      .run(() => dryRunImport(chosen, withMapping))
      .then((result) => {
        // A refused re-check keeps the last answer on screen, so the mapping can be corrected.
        if (!result) return;
        setAnswer(result);
        setRun((n) => n + 1);
      });
  };

  const choose = (event: ChangeEvent<HTMLInputElement>) => {
    const chosen = event.target.files?.[0] ?? null;
    setFile(chosen);
    setAnswer(null);
    setRemembered(null);
    if (chosen) check(chosen, null);
  };

  return (
    <>
      <p className="muted">{t('imports.hint')}</p>
      <div className="card">
        {/* The browser's own file button speaks the browser's language: ours says "Chọn tệp". */}
        <div className="field file-choice">
          <label>
            <span className="button-like">{t('imports.choose')}</span>
            <input
              type="file"
              className="visually-hidden"
              accept=".xlsx,.csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,text/csv"
              data-testid="import-file"
              disabled={form.busy}
              onChange={choose}
            />
          </label>
          <span data-testid="import-file-name">{file ? file.name : t('imports.noFile')}</span>
        </div>
        <p className="hint">{t('imports.file')}</p>
        {form.busy && (
          <p className="muted" role="status" data-testid="import-checking">
            {t('imports.checking')}
          </p>
        )}
        <FormError error={form.error} />
      </div>
      {remembered && <AliasRemembered confirmation={remembered} />}
      {answer && file && (
        <ImportAnswerView
          key={run}
          answer={answer}
          busy={form.busy}
          onCheck={(next) => check(file, next)}
          onRecheck={(confirmation) => {
            setRemembered(confirmation);
            check(file, mapping);
          }}
        />
      )}
    </>
  );
}

function PastImport({ id }: { id: string }) {
  const { t } = useI18n();
  const state = useAsync(() => readImport(id), [id]);
  return (
    <Loading state={state}>
      {(answer) => (
        <>
          {answer.status !== 'committed' && <p className="muted">{t('imports.chooseAgain')}</p>}
          <ImportAnswerView answer={answer} busy={false} onCheck={null} onRecheck={null} />
        </>
      )}
    </Loading>
  );
}

/** One dry run's answer; `onCheck`/`onRecheck` are null when the file is not at hand. */
function ImportAnswerView({
  answer,
  busy,
  onCheck,
  onRecheck,
}: {
  answer: ImportAnswer;
  busy: boolean;
  onCheck: ((mapping: ImportMapping) => void) | null;
  onRecheck: ((confirmation: string) => void) | null;
}) {
  const committed = answer.status === 'committed';
  return (
    <div data-testid="import-answer">
      <ImportPreviewView answer={answer} />
      {!committed && answer.unmatchedNames && answer.unmatchedNames.length > 0 && (
        <UnmatchedNames names={answer.unmatchedNames} onRemembered={onRecheck} />
      )}
      {!committed && onCheck && (
        <ColumnMappingForm sheets={answer.sheets} busy={busy} onCheck={onCheck} />
      )}
      {answer.diff && <ImportDiffView diff={answer.diff} />}
      <ImportCommit answer={answer} />
    </div>
  );
}

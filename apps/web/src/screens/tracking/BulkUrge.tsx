import { useState, type FormEvent } from 'react';
import { api } from '../../api/client';
import type { TaskListItem } from '../../api/types';
import { errorText } from '../../components/use-form';
import { useI18n } from '../../i18n/i18n';

interface BulkUrgeResult {
  taskId: string;
  outcome: 'urged' | 'refused';
  code?: string;
  message?: string;
  messageVi?: string;
}

interface BulkUrgeAnswer {
  results: BulkUrgeResult[];
  urged: number;
  refused: number;
}

/**
 * A refusal in the user's language. An answer replayed under its Idempotency-Key may predate
 * the English text: the Vietnamese one then stands in.
 */
const refusalText = (result: BulkUrgeResult, language: string): string =>
  (language === 'vi' ? result.messageVi : (result.message ?? result.messageVi)) ?? '';

const KINDS = ['overdue', 'before_deadline', 'no_report'] as const;

/**
 * "Đôn đốc các nhiệm vụ đã chọn": the tasks ticked in a queue, urged in one request
 * (POST /api/tasks/urge); the server urges each it may and names each refusal.
 */
export function BulkUrge({
  tasks,
  selected,
  onSelect,
  onDone,
}: {
  tasks: TaskListItem[];
  selected: ReadonlySet<string>;
  onSelect: (ids: ReadonlySet<string>) => void;
  onDone: () => void;
}) {
  const { t, language } = useI18n();
  const [open, setOpen] = useState(false);
  const [kind, setKind] = useState<(typeof KINDS)[number]>('overdue');
  const [message, setMessage] = useState('');
  const [busy, setBusy] = useState(false);
  // Kept as it came, and said in the language of the moment (the user may switch meanwhile).
  const [error, setError] = useState<unknown>(null);
  // With the titles as they were when sent: the queue reloads without the tasks closed meanwhile.
  const [answer, setAnswer] = useState<(BulkUrgeAnswer & { titles: Map<string, string> }) | null>(
    null,
  );
  const allChosen = tasks.length > 0 && tasks.every((task) => selected.has(task.id));

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const body = { taskIds: [...selected], kind, ...(message.trim() ? { message } : {}) };
      const titles = new Map(tasks.map((task) => [task.id, task.title]));
      const answered = await api<BulkUrgeAnswer>('/api/tasks/urge', { method: 'POST', body });
      setAnswer({ ...answered, titles });
      setOpen(false);
      setMessage('');
      onSelect(new Set());
      onDone();
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="no-print" data-testid="bulk-urge">
      <label>
        <input
          type="checkbox"
          data-testid="bulk-urge-all"
          checked={allChosen}
          onChange={() => onSelect(new Set(allChosen ? [] : tasks.map((task) => task.id)))}
        />{' '}
        {t('bulkUrge.selectAll')}
      </label>{' '}
      <button
        type="button"
        data-testid="bulk-urge-open"
        disabled={selected.size === 0}
        aria-expanded={open}
        onClick={() => setOpen(!open)}
      >
        {t('bulkUrge.open', { count: selected.size })}
      </button>
      {open && (
        <form onSubmit={(event) => void submit(event)} data-testid="bulk-urge-form">
          <label>
            {t('field.urgeKind')}{' '}
            <select
              value={kind}
              onChange={(e) => setKind(e.target.value as (typeof KINDS)[number])}
              data-testid="bulk-urge-kind"
            >
              {KINDS.map((k) => (
                <option key={k} value={k}>
                  {t(`urge.${k}`)}
                </option>
              ))}
            </select>
          </label>
          <label>
            {t('field.message')}
            <textarea
              value={message}
              maxLength={2000}
              onChange={(e) => setMessage(e.target.value)}
              data-testid="bulk-urge-message"
            />
          </label>
          <button type="submit" disabled={busy} data-testid="bulk-urge-submit">
            {t('bulkUrge.submit')}
          </button>
          {error !== null && (
            <p role="alert" className="error">
              {errorText(error, language)}
            </p>
          )}
        </form>
      )}
      {answer && (
        <div role="status" data-testid="bulk-urge-result">
          <p>{t('bulkUrge.done', { count: answer.urged })}</p>
          {answer.refused > 0 && (
            <>
              <p>{t('bulkUrge.refused', { count: answer.refused })}</p>
              <ul>
                {answer.results
                  .filter((result) => result.outcome === 'refused')
                  .map((result) => (
                    <li key={result.taskId}>
                      {answer.titles.get(result.taskId) ?? result.taskId}:{' '}
                      {refusalText(result, language)}
                    </li>
                  ))}
              </ul>
            </>
          )}
        </div>
      )}
    </div>
  );
}

/** The checkbox on each row of a queue that offers bulk urging. */
export function RowCheckbox({
  task,
  selected,
  onSelect,
}: {
  task: TaskListItem;
  selected: ReadonlySet<string>;
  onSelect: (ids: ReadonlySet<string>) => void;
}) {
  const { t } = useI18n();
  const toggle = () => {
    const next = new Set(selected);
    if (next.has(task.id)) next.delete(task.id);
    else next.add(task.id);
    onSelect(next);
  };
  return (
    <input
      type="checkbox"
      aria-label={t('bulkUrge.choose', { title: task.title })}
      data-testid={`bulk-urge-row-${task.id}`}
      checked={selected.has(task.id)}
      onChange={toggle}
    />
  );
}

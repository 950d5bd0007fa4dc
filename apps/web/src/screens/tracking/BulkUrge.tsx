import { useState, type FormEvent } from 'react';
import { api, ApiError } from '../../api/client';
import type { TaskListItem } from '../../api/types';
import { useI18n } from '../../i18n/i18n';

interface BulkUrgeAnswer {
  results: { taskId: string; outcome: 'urged' | 'refused'; code?: string; messageVi?: string }[];
  urged: number;
  refused: number;
}

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
  const { t } = useI18n();
  const [open, setOpen] = useState(false);
  const [kind, setKind] = useState<(typeof KINDS)[number]>('overdue');
  const [message, setMessage] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
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
      setError(caught instanceof ApiError ? caught.messageVi : String(caught));
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
          {error && (
            <p role="alert" className="error">
              {error}
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
                      {answer.titles.get(result.taskId) ?? result.taskId}: {result.messageVi}
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

import { useState } from 'react';
import { useSearchParams } from 'react-router';
import { api } from '../../api/client';
import type { Page, TaskListItem } from '../../api/types';
import { DataTable } from '../../components/DataTable';
import { Field } from '../../components/Field';
import { Loading } from '../../components/Loading';
import { useAsync } from '../../components/use-async';
import { useI18n } from '../../i18n/i18n';
import { taskColumns } from './task-columns';

/** Tasks from the read model, filtered by agency (the dashboard links here), status, words. */
export function TaskListScreen() {
  const { t } = useI18n();
  const [params, setParams] = useSearchParams();
  const agency = params.get('agency') ?? '';
  const q = params.get('q') ?? '';
  const [words, setWords] = useState(q);
  const state = useAsync(
    () =>
      api<Page<TaskListItem>>('/api/tasks', {
        query: {
          agency: agency || undefined,
          includeUnits: agency ? true : undefined,
          q: q || undefined,
          limit: 100,
        },
      }),
    [agency, q],
  );
  return (
    <div data-testid="screen-tasks">
      <h1>
        {t('menu.tasks')}
        {agency ? ` — ${agency}` : ''}
      </h1>
      <form
        className="row"
        onSubmit={(event) => {
          event.preventDefault();
          setParams(words ? { ...(agency ? { agency } : {}), q: words } : agency ? { agency } : {});
        }}
      >
        <Field label={t('task.search')}>
          <input
            data-testid="task-search"
            value={words}
            onChange={(e) => setWords(e.target.value)}
          />
        </Field>
        <button type="submit" data-testid="task-search-submit">
          {t('app.apply')}
        </button>
      </form>
      <Loading state={state}>
        {(page) => (
          <DataTable
            testId="task-table"
            rows={page.items}
            rowKey={(task) => task.id}
            columns={taskColumns(t)}
          />
        )}
      </Loading>
    </div>
  );
}

import { useState } from 'react';
import { Link } from 'react-router';
import { api } from '../../api/client';
import type { Directive, Page } from '../../api/types';
import { DataTable } from '../../components/DataTable';
import { ExportButtons } from '../../components/ExportButtons';
import { Loading } from '../../components/Loading';
import { useAsync } from '../../components/use-async';
import { formatDate } from '../../format/format';
import { useI18n } from '../../i18n/i18n';
import { AssignTasksGrid } from './AssignTasksGrid';
import { DirectiveForm } from './DirectiveForm';

/** Directives: the list, entering a new one, and assigning its tasks in a grid. */
export function DirectivesScreen() {
  const { t } = useI18n();
  const [selected, setSelected] = useState<Directive | null>(null);
  const list = useAsync(
    () => api<Page<Directive>>('/api/directives', { query: { limit: 100 } }),
    [],
  );
  return (
    <div data-testid="screen-directives">
      <h1>{t('directives.title')}</h1>
      <DirectiveForm
        onRegistered={(directive) => {
          setSelected(directive);
          list.reload();
        }}
      />
      {selected && (
        <AssignTasksGrid
          directive={selected}
          onAssigned={list.reload}
          onClose={() => setSelected(null)}
        />
      )}
      <section className="card">
        <ExportButtons
          path="/api/directives/export"
          fallbackName="danh-sach-van-ban-chi-dao"
          testId="directives-export"
        />
        <Loading state={list}>
          {(page) => (
            <DataTable
              testId="directive-table"
              rows={page.items}
              rowKey={(d) => d.id}
              columns={[
                {
                  key: 'ref',
                  header: t('directives.reference'),
                  // The directive's own page: the document, its tasks and its figures.
                  render: (d) => (
                    <Link to={`/directives/${d.id}`} data-testid="directive-link">
                      {d.reference.text}
                    </Link>
                  ),
                },
                {
                  key: 'issuedOn',
                  header: t('directives.issuedOn'),
                  render: (d) => formatDate(d.issuedOn),
                },
                { key: 'issuer', header: t('directives.issuer'), render: (d) => d.issuer },
                { key: 'title', header: t('directives.titleField'), render: (d) => d.title },
                {
                  key: 'assign',
                  header: '',
                  render: (d) => (
                    <button
                      type="button"
                      data-testid="directive-assign"
                      onClick={() => setSelected(d)}
                    >
                      {t('directives.open')}
                    </button>
                  ),
                },
              ]}
            />
          )}
        </Loading>
      </section>
    </div>
  );
}

import { DateInput } from '../../components/DateInput';
import { useEffect, useState } from 'react';
import type { Agency, Directive } from '../../api/types';
import { Field } from '../../components/Field';
import { useI18n } from '../../i18n/i18n';
import type { MessageKey } from '../../i18n/dictionary';
import { CLASSES, VIEWS, type ListFilters, type View } from './task-list-url';

/**
 * The list's views as tabs and its filters as a form. A view applies at once; the form applies
 * on "Lọc", and either way the filters go to the URL (the caller's `onApply`), page 1.
 */
export function TaskListFilters({
  filters,
  agencies,
  directives,
  onApply,
}: {
  filters: ListFilters;
  agencies: Agency[];
  directives: Directive[];
  onApply: (filters: ListFilters) => void;
}) {
  const { t } = useI18n();
  const [draft, setDraft] = useState(filters);
  // The URL changed (back button, a link): the form shows what it now says.
  useEffect(() => setDraft(filters), [filters]);
  const set = <K extends keyof ListFilters>(key: K, value: ListFilters[K]) =>
    setDraft((current) => ({ ...current, [key]: value }));
  const text = (key: 'leader' | 'q' | 'from' | 'to' | 'at' | 'deadlineFrom' | 'deadlineTo') => ({
    value: draft[key],
    onChange: (event: { target: { value: string } }) => set(key, event.target.value),
  });
  const view = (v: View) => onApply({ ...filters, view: v, sort: '', dir: '', page: 1 });

  return (
    <div className="list-filters no-print">
      <div className="tabs" role="tablist" data-testid="list-views">
        {VIEWS.map((v) => (
          <button
            key={v}
            type="button"
            role="tab"
            aria-selected={filters.view === v}
            className={filters.view === v ? 'tab active' : 'tab'}
            data-testid={`view-${v}`}
            onClick={() => view(v)}
          >
            {t(`list.view.${v}` as MessageKey)}
          </button>
        ))}
      </div>
      <form
        className="card"
        data-testid="list-filters"
        onSubmit={(event) => {
          event.preventDefault();
          onApply({ ...draft, page: 1 });
        }}
      >
        <div className="row">
          <Field label={t('list.agency')}>
            <select
              data-testid="filter-agency"
              value={draft.agency}
              onChange={(e) => set('agency', e.target.value)}
            >
              <option value="">{t('list.anyAgency')}</option>
              {agencies.map((a) => (
                <option key={a.code} value={a.code}>
                  {a.name}
                </option>
              ))}
            </select>
          </Field>
          <label className="check">
            <input
              type="checkbox"
              data-testid="filter-units"
              checked={draft.units}
              onChange={(e) => set('units', e.target.checked)}
            />{' '}
            {t('list.units')}
          </label>
          <Field label={t('list.directive')}>
            <select
              data-testid="filter-directive"
              value={draft.directive}
              onChange={(e) => set('directive', e.target.value)}
            >
              <option value="">{t('list.anyDirective')}</option>
              {directives.map((d) => (
                <option key={d.id} value={d.id}>
                  {d.reference.text} — {d.title}
                </option>
              ))}
            </select>
          </Field>
          <Field label={t('list.leader')}>
            <input data-testid="filter-leader" {...text('leader')} />
          </Field>
          <Field label={t('list.words')}>
            <input data-testid="filter-q" {...text('q')} />
          </Field>
        </div>
        <div className="row">
          <Field label={t('list.from')}>
            <DateInput
              testId="filter-from"
              value={draft.from}
              onChange={(value) => set('from', value)}
            />
          </Field>
          <Field label={t('list.to')}>
            <DateInput testId="filter-to" value={draft.to} onChange={(value) => set('to', value)} />
          </Field>
          <Field label={t('list.at')}>
            <DateInput testId="filter-at" value={draft.at} onChange={(value) => set('at', value)} />
          </Field>
          <Field label={t('list.deadlineFrom')}>
            <DateInput
              testId="filter-deadline-from"
              value={draft.deadlineFrom}
              onChange={(value) => set('deadlineFrom', value)}
            />
          </Field>
          <Field label={t('list.deadlineTo')}>
            <DateInput
              testId="filter-deadline-to"
              value={draft.deadlineTo}
              onChange={(value) => set('deadlineTo', value)}
            />
          </Field>
        </div>
        <fieldset className="row classes" data-testid="filter-classes">
          <legend>{t('list.classes')}</legend>
          {CLASSES.map((c) => (
            <label key={c} className="check">
              <input
                type="checkbox"
                data-testid={`filter-class-${c}`}
                checked={draft.classes.includes(c)}
                onChange={(e) =>
                  set(
                    'classes',
                    e.target.checked
                      ? CLASSES.filter((x) => x === c || draft.classes.includes(x))
                      : draft.classes.filter((x) => x !== c),
                  )
                }
              />{' '}
              {t(`class.${c}` as MessageKey)}
            </label>
          ))}
          <label className="check">
            <input
              type="checkbox"
              data-testid="filter-key"
              checked={draft.key}
              onChange={(e) => set('key', e.target.checked)}
            />{' '}
            {t('list.keyOnly')}
          </label>
        </fieldset>
        <div className="actions">
          <button type="submit" data-testid="filter-apply">
            {t('list.apply')}
          </button>
          <button
            type="button"
            className="secondary"
            data-testid="filter-clear"
            onClick={() => onApply({ ...EMPTY, view: filters.view, size: filters.size })}
          >
            {t('list.clear')}
          </button>
        </div>
      </form>
    </div>
  );
}

const EMPTY: ListFilters = {
  view: 'all',
  agency: '',
  units: false,
  directive: '',
  leader: '',
  key: false,
  q: '',
  from: '',
  to: '',
  at: '',
  classes: [],
  deadlineFrom: '',
  deadlineTo: '',
  status: [],
  sort: '',
  dir: '',
  page: 1,
  size: 25,
};

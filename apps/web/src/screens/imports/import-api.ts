/**
 * The import's API as the screen uses it (docs/imports.md): the dry run of an uploaded list, a
 * past import read back, its commit, and an agency alias remembered once for every later list.
 */
import type { ImportField } from '@chidao/domain';
import { api } from '../../api/client';

export type ImportProgress = 'done' | 'in_progress' | 'not_started';
export type ImportChange = 'new' | 'changed' | 'unchanged';

export interface ImportProblem {
  sheet: string;
  row: number;
  /** The column's heading in the file; null for the whole row. */
  column: string | null;
  value: string | null;
  vi: string;
  en: string;
  severity: 'error' | 'warning';
}

export interface ImportSheet {
  name: string;
  /** null: no header found on this sheet. */
  headerRow: number | null;
  columns: { column: string; heading: string; field: ImportField | null; label: string | null }[];
  tasks: number;
  errors: number;
  warnings: number;
}

export interface ImportTask {
  sheet: string;
  row: number;
  documentReference: string | null;
  title: string;
  leadAgency: string;
  leadAgencyName: string;
  supportAgencyNames: string[];
  deadline: string | null;
  progress: ImportProgress;
  completedOn: string | null;
  change?: ImportChange;
}

export interface ImportDiff {
  new: number;
  changed: number;
  unchanged: number;
  vanished: number;
  changes: {
    sheet: string;
    row: number;
    title: string;
    leadAgencyName: string;
    fields: { label: string; before: string; after: string }[];
  }[];
  vanishedTasks: {
    taskId: string;
    title: string;
    leadAgencyName: string;
    deadline: string | null;
  }[];
}

export interface UnmatchedName {
  text: string;
  field: 'leadAgency' | 'supportAgencies';
  rows: number;
}

/**
 * The dry run's answer. The id, status, commit, unmatched names and diff arrive with the
 * commit's back end; until then the dry run answers without them, so the screen treats them as
 * possibly absent.
 */
export interface ImportAnswer {
  id?: string;
  status?: 'prepared' | 'committed';
  committed?: {
    at: string;
    byName: string;
    created: number;
    updated: number;
    cancelled: number;
  } | null;
  fileName: string;
  bytes: number;
  sheets: ImportSheet[];
  counts: { tasks: number; errors: number; warnings: number };
  tasks: ImportTask[];
  problems: ImportProblem[];
  unmatchedNames?: UnmatchedName[];
  diff?: ImportDiff;
  ready: boolean;
}

/** Columns chosen by hand: field → column letter as Excel shows it (null: not in the file). */
export interface ImportMapping {
  sheet?: string;
  headerRow?: number;
  columns: Partial<Record<ImportField, string | null>>;
}

export interface ImportApply {
  new: boolean;
  changed: boolean;
  vanished: boolean;
}

export interface CommitAnswer {
  id: string;
  created: number;
  updated: number;
  cancelled: number;
  unchanged: number;
  directivesRegistered: number;
}

export function dryRunImport(file: File, mapping: ImportMapping | null): Promise<ImportAnswer> {
  const form = new FormData();
  form.append('file', file, file.name);
  if (mapping) form.append('mapping', JSON.stringify(mapping));
  return api<ImportAnswer>('/api/imports', { method: 'POST', form });
}

export const readImport = (id: string): Promise<ImportAnswer> =>
  api<ImportAnswer>(`/api/imports/${encodeURIComponent(id)}`);

export const commitImport = (id: string, apply: ImportApply): Promise<CommitAnswer> =>
  api<CommitAnswer>(`/api/imports/${encodeURIComponent(id)}/commit`, {
    method: 'POST',
    body: { apply },
  });

export const rememberAlias = (agency: string, alias: string): Promise<unknown> =>
  api<unknown>(`/api/agencies/${encodeURIComponent(agency)}/aliases`, {
    method: 'POST',
    body: { alias },
  });

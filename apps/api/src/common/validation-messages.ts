import type { ValidationError } from '@nestjs/common';
import { getMetadataStorage } from 'class-validator';
import { fieldLabel, rowLabel, type FieldLabel } from './field-labels';

/** One field's problem: its path in the body (`tasks.0.title`) and one sentence in each language. */
export interface FieldProblem {
  field: string;
  message: string;
  messageVi: string;
}

interface Said {
  vi: string;
  en: string;
}

/** What the DTO declares of a property: each constraint's name and arguments. */
type Declared = Map<string, { args: unknown[]; each: boolean }>;

function declaredOn(target: object | undefined, property: string): Declared {
  const declared: Declared = new Map();
  if (!target) return declared;
  const metadata = getMetadataStorage().getTargetValidationMetadatas(
    target.constructor,
    '',
    true,
    false,
  );
  for (const meta of metadata) {
    if (meta.propertyName !== property) continue;
    // @IsOptional: a blank text there is a wrong value, not a missing one.
    if (meta.type === 'conditionalValidation')
      declared.set('isOptional', { args: [], each: false });
    if (!meta.name) continue;
    declared.set(meta.name, { args: (meta.constraints ?? []) as unknown[], each: !!meta.each });
  }
  return declared;
}

const isBlank = (value: unknown) =>
  value === undefined || value === null || (typeof value === 'string' && value.trim() === '');

/**
 * One sentence per field, naming the field's label and what the clerk must enter: the most
 * useful of the failed constraints (a missing value before its type, its type before its range),
 * and a range given whole ("từ 0 đến 100 %") rather than as a pair of half-rules.
 */
function sentenceFor(error: ValidationError, label: FieldLabel, declared: Declared): Said {
  const failed = Object.keys(error.constraints ?? {});
  const has = (name: string) => failed.includes(name);
  // The declared bound or length, as said in the sentence (numbers only).
  const arg = (name: string): string | undefined => {
    const value = declared.get(name)?.args[0];
    return typeof value === 'number' ? String(value) : undefined;
  };
  const { vi, en } = label;

  if (has('whitelistValidation')) {
    return {
      vi: `${vi} không có trong biểu mẫu này; hãy bỏ trường đó đi`,
      en: `${en} is not part of this form; leave it out`,
    };
  }
  const missing = error.value === undefined || error.value === null || !declared.has('isOptional');
  if (isBlank(error.value) && missing && !has('isBoolean')) {
    if (declared.has('isArray') || declared.has('arrayNotEmpty')) {
      return { vi: `${vi} phải có ít nhất một mục`, en: `${en} needs at least one entry` };
    }
    return { vi: `${vi} không được để trống`, en: `${en} must be filled in` };
  }
  const min = arg('min');
  const max = arg('max');
  if (['isInt', 'isNumber', 'min', 'max'].some(has)) {
    const whole = has('isInt')
      ? { vi: 'là số nguyên ', en: 'a whole number ' }
      : { vi: '', en: '' };
    const unit = label.unit ?? { vi: '', en: '' };
    if (min !== undefined && max !== undefined) {
      return {
        vi: `${vi} phải ${whole.vi}từ ${min} đến ${max}${unit.vi}`,
        en: `${en} must be ${whole.en}from ${min} to ${max}${unit.en}`,
      };
    }
    if (min !== undefined) {
      return {
        vi: `${vi} phải ${whole.vi}từ ${min}${unit.vi} trở lên`,
        en: `${en} must be ${whole.en}of at least ${min}${unit.en}`,
      };
    }
    if (max !== undefined) {
      return {
        vi: `${vi} phải ${whole.vi}không quá ${max}${unit.vi}`,
        en: `${en} must be ${whole.en}of at most ${max}${unit.en}`,
      };
    }
    return { vi: `${vi} phải là số nguyên`, en: `${en} must be a whole number` };
  }
  const each = (name: string) =>
    declared.get(name)?.each ? { vi: 'mỗi mục của ', en: 'each entry of ' } : { vi: '', en: '' };
  const lower = (text: string) => text.charAt(0).toLowerCase() + text.slice(1);
  const ofEach = (name: string, saidVi: string, saidEn: string): Said => {
    const e = each(name);
    return e.vi
      ? {
          vi: `${capitalise(e.vi)}${lower(vi)} ${saidVi}`,
          en: `${capitalise(e.en)}${lower(en)} ${saidEn}`,
        }
      : { vi: `${vi} ${saidVi}`, en: `${en} ${saidEn}` };
  };
  if (has('isCalendarDate')) {
    return ofEach(
      'isCalendarDate',
      'phải là một ngày có thật (ngày/tháng/năm)',
      'must be a real date',
    );
  }
  if (has('isBoolean'))
    return { vi: `${vi} chỉ nhận có hoặc không`, en: `${en} must be yes or no` };
  if (has('isArray')) return { vi: `${vi} phải là một danh sách`, en: `${en} must be a list` };
  if (has('isString')) return ofEach('isString', 'phải là chữ', 'must be text');
  if (has('isNotEmpty')) return ofEach('isNotEmpty', 'không được để trống', 'must be filled in');
  if (has('maxLength')) {
    const n = arg('maxLength') ?? '';
    return ofEach('maxLength', `chỉ được dài tối đa ${n} ký tự`, `must be at most ${n} characters`);
  }
  if (has('minLength')) {
    const n = arg('minLength') ?? '';
    return ofEach('minLength', `phải dài ít nhất ${n} ký tự`, `must be at least ${n} characters`);
  }
  if (has('arrayMaxSize')) {
    const n = arg('arrayMaxSize') ?? '';
    return { vi: `${vi} chỉ được có tối đa ${n} mục`, en: `${en} may have at most ${n} entries` };
  }
  if (has('arrayMinSize') || has('arrayNotEmpty')) {
    const n = arg('arrayMinSize') ?? '1';
    return { vi: `${vi} phải có ít nhất ${n} mục`, en: `${en} needs at least ${n} entries` };
  }
  if (has('arrayUnique')) {
    return { vi: `${vi} có mục bị lặp lại`, en: `${en} lists an entry twice` };
  }
  if (has('isIn') || has('isEnum')) {
    return {
      vi: `${vi} phải chọn trong danh sách cho sẵn`,
      en: `${en} must be one of the choices offered`,
    };
  }
  return { vi: `${vi} không hợp lệ`, en: `${en} is invalid` };
}

const capitalise = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

/**
 * The problems of a request body, one per field, in the words of its form; a row of a list
 * field is named by its place ("Nhiệm vụ thứ 1: Tên nhiệm vụ không được để trống").
 */
export function fieldProblems(
  errors: ValidationError[],
  path: string[] = [],
  row: Said | null = null,
): FieldProblem[] {
  return errors.flatMap((error) => {
    const here = [...path, error.property];
    const parent = path[path.length - 1];
    // A numeric property is a row of the list named by its parent: its fields say which row.
    const isRow = /^\d+$/.test(error.property) && parent !== undefined;
    const rowHere = isRow ? rowLabel(parent, Number(error.property)) : row;
    const own: FieldProblem[] = [];
    const failed = Object.keys(error.constraints ?? {});
    // A list whose rows fail says so through the rows; its own "nested" complaint adds nothing.
    const meaningful = failed.filter((name) => name !== 'nestedValidation');
    if (meaningful.length > 0) {
      const dto = error.target?.constructor?.name;
      const said = sentenceFor(
        { ...error, constraints: Object.fromEntries(meaningful.map((n) => [n, ''])) },
        fieldLabel(dto, error.property),
        declaredOn(error.target, error.property),
      );
      own.push({
        field: here.join('.'),
        messageVi: rowHere && !isRow ? `${rowHere.vi}: ${said.vi}` : said.vi,
        message: rowHere && !isRow ? `${rowHere.en}: ${said.en}` : said.en,
      });
    }
    return [...own, ...fieldProblems(error.children ?? [], here, rowHere)];
  });
}

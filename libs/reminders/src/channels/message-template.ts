/**
 * The body a message gateway receives, from the deployment's template: placeholders `{{to}}`,
 * `{{text}}` and `{{messageId}}` in a JSON text or a form (`to={{to}}&msg={{text}}`). Values
 * are escaped for where they land, so a reminder with quotes, line breaks or control characters
 * still makes a valid body.
 */

export type MessageBodyFormat = 'json' | 'form';

export const TEMPLATE_PLACEHOLDERS = ['to', 'text', 'messageId'] as const;
export type TemplatePlaceholder = (typeof TEMPLATE_PLACEHOLDERS)[number];
export type TemplateValues = Readonly<Record<TemplatePlaceholder, string>>;

/** One compiled template: render it as often as needed. */
export interface MessageTemplate {
  readonly format: MessageBodyFormat;
  readonly contentType: string;
  render(values: TemplateValues): string;
}

type Segment = string | { readonly name: TemplatePlaceholder; readonly inString: boolean };

const PLACEHOLDER = /\{\{\s*([A-Za-z_]\w*)\s*\}\}/y;

// Values that need every kind of escaping, to prove the template makes a valid body.
const PROBE: TemplateValues = {
  to: '+84912345678',
  text: 'Đôn đốc "nhiệm vụ"\n\t\\ \u0000\u001f \u2028 🚩',
  messageId: 'probe-1@chidao',
};

/**
 * Compiles a template, or throws naming what is wrong. `{{to}}` and `{{text}}` are required.
 * In JSON, a placeholder may stand alone (`"text": {{text}}`) or sit inside a string
 * (`"text": "{{text}}"`, `"ref": "chidao-{{messageId}}"`): either way the result is a string.
 * The error never quotes the template, which may hold a gateway's key.
 */
export function compileMessageTemplate(
  template: string,
  format: MessageBodyFormat = 'json',
): MessageTemplate {
  const segments = split(template, format);
  const names = new Set(
    segments.flatMap((segment) => (typeof segment === 'string' ? [] : [segment.name])),
  );
  for (const required of ['to', 'text'] as const) {
    if (!names.has(required)) {
      throw new Error(`The message body template has no {{${required}}} placeholder.`);
    }
  }
  const escape = format === 'json' ? jsonValue : formValue;
  const compiled: MessageTemplate = {
    format,
    contentType:
      format === 'json'
        ? 'application/json; charset=utf-8'
        : 'application/x-www-form-urlencoded; charset=utf-8',
    render: (values) =>
      segments
        .map((segment) =>
          typeof segment === 'string' ? segment : escape(values[segment.name], segment.inString),
        )
        .join(''),
  };
  if (format === 'json') {
    try {
      JSON.parse(compiled.render(PROBE));
    } catch {
      throw new Error(
        'The message body template is not valid JSON once its placeholders are filled in.',
      );
    }
  }
  return compiled;
}

/** Literal text and placeholders; in JSON, whether each placeholder is inside a string. */
function split(template: string, format: MessageBodyFormat): Segment[] {
  const segments: Segment[] = [];
  let literal = '';
  let inString = false;
  let i = 0;
  while (i < template.length) {
    PLACEHOLDER.lastIndex = i;
    const match = PLACEHOLDER.exec(template);
    if (match) {
      const name = match[1];
      if (!(TEMPLATE_PLACEHOLDERS as readonly string[]).includes(name)) {
        throw new Error(
          `The message body template has an unknown placeholder {{${name}}}; use ${TEMPLATE_PLACEHOLDERS.map((known) => `{{${known}}}`).join(', ')}.`,
        );
      }
      segments.push(literal, { name: name as TemplatePlaceholder, inString });
      literal = '';
      i = PLACEHOLDER.lastIndex;
      continue;
    }
    const char = template[i];
    if (format === 'json') {
      if (inString && char === '\\') {
        // An escape: the next character never ends the string.
        literal += template.slice(i, i + 2);
        i += 2;
        continue;
      }
      if (char === '"') inString = !inString;
    }
    literal += char;
    i += 1;
  }
  segments.push(literal);
  return segments.filter((segment) => segment !== '');
}

/** A JSON string, or its inside when the template already has the quotes. */
function jsonValue(value: string, inString: boolean): string {
  const quoted = JSON.stringify(value);
  return inString ? quoted.slice(1, -1) : quoted;
}

/** application/x-www-form-urlencoded, as a browser's form sends it. */
function formValue(value: string): string {
  return new URLSearchParams([['', value]]).toString().slice(1);
}

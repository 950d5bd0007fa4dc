import { compileMessageTemplate } from '../src';

const values = {
  to: '+84912345678',
  text: 'Nhiệm vụ "Báo cáo quý I"\nhạn 31/3 \\ \u0007 {{to}} 🚩',
  messageId: 'rem-1@chidao',
};

describe('compileMessageTemplate', () => {
  it('makes a JSON string of a placeholder alone or inside a string', () => {
    const template = compileMessageTemplate(
      '{"to": {{to}}, "text": "{{ text }}", "ref": "chidao-{{messageId}}", "n": 1}',
    );
    expect(template.contentType).toBe('application/json; charset=utf-8');
    expect(JSON.parse(template.render(values))).toEqual({
      to: '+84912345678',
      text: values.text,
      ref: 'chidao-rem-1@chidao',
      n: 1,
    });
  });

  it('knows a string goes on after an escaped quote', () => {
    const template = compileMessageTemplate('{"text": "\\"{{text}}\\"", "to": {{to}}}');
    expect(JSON.parse(template.render(values)).text).toBe(`"${values.text}"`);
  });

  it('keeps a lone surrogate as an escape, so the body stays valid UTF-8 and JSON', () => {
    const body = compileMessageTemplate('{"to": {{to}}, "text": {{text}}}').render({
      ...values,
      text: 'a\ud83db',
    });
    expect(body).toContain('a\\ud83db');
    expect(JSON.parse(body).text).toBe('a\ud83db');
  });

  it('leaves single braces and nested objects alone', () => {
    const template = compileMessageTemplate(
      '{"message": {"to": ["{{to}}"], "body": {"content": {{text}}}}, "note": "{x}"}',
    );
    expect(JSON.parse(template.render(values))).toEqual({
      message: { to: ['+84912345678'], body: { content: values.text } },
      note: '{x}',
    });
  });

  it('encodes a form as a browser does', () => {
    const template = compileMessageTemplate('phone={{to}}&sms={{text}}&id={{messageId}}', 'form');
    expect(template.contentType).toBe('application/x-www-form-urlencoded; charset=utf-8');
    const body = template.render({ ...values, text: 'A&B = 100% + "x"\nđã xong' });
    expect(body).not.toMatch(/[\s"]/);
    expect(Object.fromEntries(new URLSearchParams(body))).toEqual({
      phone: '+84912345678',
      sms: 'A&B = 100% + "x"\nđã xong',
      id: 'rem-1@chidao',
    });
  });

  it('refuses a template that is not JSON without quoting it (it may hold a key)', () => {
    const attempt = () =>
      compileMessageTemplate('{"ApiKey": "K-123-SECRET", "Phone": {{to}}, "Content": {{text}}');
    expect(attempt).toThrow(
      'The message body template is not valid JSON once its placeholders are filled in.',
    );
    try {
      attempt();
    } catch (error) {
      expect((error as Error).message).not.toContain('K-123-SECRET');
    }
  });

  it('refuses an unknown placeholder and a missing one', () => {
    expect(() => compileMessageTemplate('to={{to}}&text={{text}}&s={{sender}}', 'form')).toThrow(
      'unknown placeholder {{sender}}; use {{to}}, {{text}}, {{messageId}}',
    );
    expect(() => compileMessageTemplate('text={{text}}', 'form')).toThrow('no {{to}} placeholder');
    expect(() => compileMessageTemplate('{"to": {{to}}}')).toThrow('no {{text}} placeholder');
  });
});

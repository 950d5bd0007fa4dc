import type { Actor } from '../../src/shared/actor';
import type { CommandInput } from '../../src/shared/command';
import { DomainError, expectEvents } from '../../src/shared/domain-error';
import {
  decideDirective,
  parseDirectiveCommand,
  evolveDirective,
  foldDirective,
  initialDirectiveState,
  type DirectiveCommand,
  type DirectiveEvent,
  type DirectiveState,
  type RegisterDirective,
} from '../../src/directive';

// 10:00 on 27/5/2024 in Hà Tĩnh; never the real clock.
const RECEIVED_AT = '2024-05-27T03:00:00Z';
const TRACKER: Actor = { userId: 'u-1', roles: ['tracker'], agency: 'VP-UBND' };
const meta = { actor: TRACKER, occurredOn: '2024-05-27', receivedAt: RECEIVED_AT };

type Input<D> = { readonly [K in keyof D]?: unknown };
type DirectiveCommandInput = CommandInput<DirectiveCommand['type']>;

/** What the API does with a command: parse it, then decide it on the directive. */
function decide(input: DirectiveCommandInput, state: DirectiveState) {
  const command = parseDirectiveCommand(input);
  return command instanceof DomainError ? command : decideDirective(command, state);
}

const register = (data: Input<RegisterDirective['data']> = {}): DirectiveCommandInput => ({
  type: 'RegisterDirective',
  data: {
    directiveId: 'd-1',
    reference: '24/CTr-UBND',
    issuedOn: '2024-01-19',
    issuer: 'UBND tỉnh Hà Tĩnh',
    title: 'Chương trình công tác năm 2024 của UBND tỉnh',
    ...data,
  },
  meta,
});
const correct = (data: { title?: string; summary?: string | null }): DirectiveCommandInput => ({
  type: 'CorrectDirectiveDetails',
  data,
  meta,
});
const revoke = (reason: string): DirectiveCommandInput => ({
  type: 'RevokeDirective',
  data: { reason },
  meta,
});

const codeOf = (decision: DirectiveEvent[] | DomainError): string =>
  decision instanceof DomainError ? decision.code : 'accepted';

function registered(data: Input<RegisterDirective['data']> = {}): DirectiveState {
  return foldDirective(expectEvents(decide(register(data), initialDirectiveState)));
}

describe('RegisterDirective', () => {
  it('registers a framework programme with its parsed reference, kind, programme year and key', () => {
    const events = expectEvents(decide(register(), initialDirectiveState));
    expect(events).toEqual([
      {
        type: 'DirectiveRegistered',
        schemaVersion: 1,
        occurredOn: '2024-05-27',
        data: {
          directiveId: 'd-1',
          reference: {
            text: '24/CTr-UBND',
            number: 24,
            numberText: '24',
            year: null,
            typeCode: 'CTr',
            issuer: 'UBND',
            unit: null,
            form: 'administrative',
          },
          kind: 'programme',
          issuedOn: '2024-01-19',
          issuer: 'UBND tỉnh Hà Tĩnh',
          title: 'Chương trình công tác năm 2024 của UBND tỉnh',
          summary: null,
          programmeYear: 2024,
          documentKey: 'UBND|2024|24|CTr-UBND',
          assigningAgency: 'VP-UBND',
        },
      },
    ]);
  });

  it.each([
    ['32/KH-UBND', '2021-02-02', 'plan', 'UBND|2021|32|KH-UBND'],
    ['56/2016/QĐ-UBND', '2016-12-30', 'decision', 'UBND|2016|56|QĐ-UBND'],
    ['2926/UBND-TH', '2023-10-05', 'official_letter', 'UBND|2023|2926|UBND-TH'],
    ['1022/TB-TU', '2023-06-01', 'notice', 'TU|2023|1022|TB-TU'],
    ['05-NQ/TU', '2021-08-12', 'resolution', 'TU|2021|5|NQ/TU'],
    ['09/CT-TTg', '2024-02-20', 'directive', 'TTg|2024|9|CT-TTg'],
  ])('registers %s as a %s without a programme year', (reference, issuedOn, kind, key) => {
    const [event] = expectEvents(decide(register({ reference, issuedOn }), initialDirectiveState));
    expect(event.data).toMatchObject({ kind, programmeYear: null, documentKey: key });
  });

  it('stores the canonical reference and tidies the texts', () => {
    const [event] = expectEvents(
      decide(
        register({
          reference: ' 24/ctr-ubnd ',
          issuer: '  UBND tỉnh\nHà Tĩnh ',
          title: ' Chương trình\n  công tác ',
          summary: '  Giao 3 nhiệm vụ.\nHạn 31/12.  ',
        }),
        initialDirectiveState,
      ),
    );
    expect(event.data).toMatchObject({
      reference: { text: '24/CTr-UBND' },
      issuer: 'UBND tỉnh Hà Tĩnh',
      title: 'Chương trình công tác',
      summary: 'Giao 3 nhiệm vụ.\nHạn 31/12.',
    });
  });

  it('accepts a title of exactly 500 characters, counting Vietnamese letters as one', () => {
    expect(codeOf(decide(register({ title: 'ệ'.repeat(500) }), initialDirectiveState))).toBe(
      'accepted',
    );
  });

  it('accepts a document issued on the day it is entered', () => {
    expect(codeOf(decide(register({ issuedOn: '2024-05-27' }), initialDirectiveState))).toBe(
      'accepted',
    );
  });

  it('keeps an actor without agency as a null assigning agency', () => {
    const command = { ...register(), meta: { ...meta, actor: { ...TRACKER, agency: null } } };
    const [event] = expectEvents(decide(command, initialDirectiveState));
    expect(event.data).toMatchObject({ assigningAgency: null });
  });

  it.each<[string, Input<RegisterDirective['data']>, string]>([
    ['an empty id', { directiveId: ' ' }, 'directive_id_required'],
    ['a malformed reference', { reference: '24/CTr-' }, 'invalid_document_reference'],
    ['an invalid issue date', { issuedOn: '2024-02-30' }, 'invalid_date'],
    ['an issue date in the future', { issuedOn: '2024-05-28' }, 'business_date_in_future'],
    [
      'a legal symbol year other than the year of issue',
      { reference: '56/2016/QĐ-UBND', issuedOn: '2017-01-03' },
      'directive_year_mismatch',
    ],
    ['an empty issuer', { issuer: '  ' }, 'directive_issuer_required'],
    ['an issuer longer than 255', { issuer: 'U'.repeat(256) }, 'directive_issuer_too_long'],
    ['an empty title', { title: ' \n ' }, 'directive_title_required'],
    ['a title longer than 500', { title: 'a'.repeat(501) }, 'directive_title_too_long'],
    ['a summary longer than 4000', { summary: 's'.repeat(4001) }, 'directive_summary_too_long'],
  ])('refuses %s', (_, data, code) => {
    expect(codeOf(decide(register(data), initialDirectiveState))).toBe(code);
  });

  it('says which date is wrong when the issue date is in the future', () => {
    const error = decide(
      register({ issuedOn: '2024-05-28' }),
      initialDirectiveState,
    ) as DomainError;
    expect(error.messageVi).toMatch(/^Ngày ban hành: /);
    expect(error.details).toMatchObject({ field: 'issuedOn' });
  });

  it('explains a symbol year mismatch in Vietnamese dates', () => {
    const error = decide(
      register({ reference: '56/2016/QĐ-UBND', issuedOn: '2017-01-03' }),
      initialDirectiveState,
    ) as DomainError;
    expect(error.messageVi).toContain('03/01/2017');
    expect(error.details).toEqual({
      reference: '56/2016/QĐ-UBND',
      symbolYear: 2016,
      issuedOn: '2017-01-03',
    });
  });

  it('refuses a document dated after the day it is entered', () => {
    const command = {
      ...register({ issuedOn: '2024-05-20' }),
      meta: { ...meta, occurredOn: '2024-05-19' },
    };
    expect(codeOf(decide(command, initialDirectiveState))).toBe('directive_issued_after_entry');
  });

  it('refuses a business date in the future', () => {
    const command = { ...register(), meta: { ...meta, occurredOn: '2024-05-28' } };
    expect(codeOf(decide(command, initialDirectiveState))).toBe('business_date_in_future');
  });

  it('refuses to register twice', () => {
    const error = decide(register(), registered()) as DomainError;
    expect(error.code).toBe('directive_already_registered');
    expect(error.messageVi).toContain('24/CTr-UBND');
  });

  it('refuses to register again after revocation', () => {
    const state = evolveDirective(registered(), {
      type: 'DirectiveRevoked',
      schemaVersion: 1,
      data: { directiveId: 'd-1', reason: 'Nhập nhầm' },
      occurredOn: '2024-05-27',
    });
    expect(codeOf(decide(register(), state))).toBe('directive_already_registered');
  });
});

describe('CorrectDirectiveDetails', () => {
  const withSummary = () => registered({ summary: 'Tóm tắt cũ' });

  it('corrects the title and says what changed', () => {
    const events = expectEvents(decide(correct({ title: 'Tiêu đề mới' }), withSummary()));
    expect(events).toEqual([
      {
        type: 'DirectiveDetailsCorrected',
        schemaVersion: 1,
        occurredOn: '2024-05-27',
        data: {
          directiveId: 'd-1',
          title: 'Tiêu đề mới',
          summary: 'Tóm tắt cũ',
          changed: ['title'],
        },
      },
    ]);
  });

  it('corrects the summary, and both at once', () => {
    const [one] = expectEvents(decide(correct({ summary: 'Mới' }), withSummary()));
    expect(one.data).toMatchObject({ summary: 'Mới', changed: ['summary'] });
    const [both] = expectEvents(decide(correct({ title: 'T', summary: 'S' }), withSummary()));
    expect(both.data).toMatchObject({ title: 'T', summary: 'S', changed: ['title', 'summary'] });
  });

  it('clears the summary with null or an empty text', () => {
    for (const summary of [null, '  ']) {
      const [event] = expectEvents(decide(correct({ summary }), withSummary()));
      expect(event.data).toMatchObject({ summary: null, changed: ['summary'] });
    }
  });

  it('refuses when nothing changes', () => {
    const state = withSummary();
    expect(codeOf(decide(correct({}), state))).toBe('nothing_changed');
    expect(codeOf(decide(correct({ title: ` ${state.title} ` }), state))).toBe('nothing_changed');
    expect(codeOf(decide(correct({ summary: 'Tóm tắt cũ' }), state))).toBe('nothing_changed');
    expect(codeOf(decide(correct({ summary: null }), registered()))).toBe('nothing_changed');
  });

  it('refuses an empty or too long title and a too long summary', () => {
    expect(codeOf(decide(correct({ title: '' }), withSummary()))).toBe('directive_title_required');
    expect(codeOf(decide(correct({ title: 'x'.repeat(501) }), withSummary()))).toBe(
      'directive_title_too_long',
    );
    expect(codeOf(decide(correct({ summary: 'x'.repeat(4001) }), withSummary()))).toBe(
      'directive_summary_too_long',
    );
  });

  it('refuses an unregistered directive', () => {
    expect(codeOf(decide(correct({ title: 'T' }), initialDirectiveState))).toBe(
      'directive_not_found',
    );
  });
});

describe('RevokeDirective', () => {
  it('revokes with a reason', () => {
    const events = expectEvents(decide(revoke('  Nhập trùng văn bản '), registered()));
    expect(events).toEqual([
      {
        type: 'DirectiveRevoked',
        schemaVersion: 1,
        occurredOn: '2024-05-27',
        data: { directiveId: 'd-1', reason: 'Nhập trùng văn bản' },
      },
    ]);
  });

  it('requires a reason', () => {
    expect(codeOf(decide(revoke(' '), registered()))).toBe('reason_required');
  });

  it('refuses an unregistered directive', () => {
    expect(codeOf(decide(revoke('x'), initialDirectiveState))).toBe('directive_not_found');
  });

  it('accepts nothing more once revoked', () => {
    const state = foldDirective([
      ...expectEvents(decide(register(), initialDirectiveState)),
      ...expectEvents(decide(revoke('Thu hồi'), registered())),
    ]);
    expect(state).toMatchObject({ status: 'revoked', revokedReason: 'Thu hồi' });
    expect(codeOf(decide(revoke('again'), state))).toBe('directive_revoked');
    expect(codeOf(decide(correct({ title: 'T' }), state))).toBe('directive_revoked');
    const error = decide(correct({ title: 'T' }), state) as DomainError;
    expect(error.messageVi).toContain('thu hồi');
  });
});

describe('evolveDirective / foldDirective', () => {
  it('folds the history into the current state', () => {
    const first = expectEvents(decide(register({ summary: 'A' }), initialDirectiveState));
    const corrected = expectEvents(decide(correct({ title: 'Mới' }), foldDirective(first)));
    const state = foldDirective([...first, ...corrected]);
    expect(state).toMatchObject({
      status: 'active',
      directiveId: 'd-1',
      kind: 'programme',
      title: 'Mới',
      summary: 'A',
      issuedOn: '2024-01-19',
      programmeYear: 2024,
      documentKey: 'UBND|2024|24|CTr-UBND',
      assigningAgency: 'VP-UBND',
      revokedReason: null,
    });
    expect(state.reference?.text).toBe('24/CTr-UBND');
  });

  it('ignores unknown event types', () => {
    const unknown = { type: 'Other', schemaVersion: 1, data: {}, occurredOn: '2024-01-01' };
    expect(evolveDirective(initialDirectiveState, unknown as unknown as DirectiveEvent)).toBe(
      initialDirectiveState,
    );
  });
});

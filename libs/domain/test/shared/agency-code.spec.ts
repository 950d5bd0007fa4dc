import { DomainError } from '../../src/shared/domain-error';
import { agencyCode, isAgencyCode, parseAgencyCode } from '../../src/shared/agency-code';

const reasonOf = (value: unknown): unknown => {
  const result = parseAgencyCode(value);
  return result instanceof DomainError ? result.details?.reason : 'accepted';
};

describe('parseAgencyCode', () => {
  it.each(['STTTT', 'SO-TTTT', 'UBND-HUONG-SON', 'VP.UBND', 'UBND_TINH', 'X1', 'A'.repeat(32)])(
    'accepts %s',
    (code) => {
      expect(parseAgencyCode(code)).toBe(code);
    },
  );

  it('trims and upper-cases', () => {
    expect(parseAgencyCode('  so-tttt ')).toBe('SO-TTTT');
    expect(parseAgencyCode('vp.Ubnd')).toBe('VP.UBND');
  });

  it.each([
    [42, 'not_text'],
    [null, 'not_text'],
    ['', 'empty'],
    ['   ', 'empty'],
    ['S', 'too_short'],
    ['A'.repeat(33), 'too_long'],
    ['SỞ-TTTT', 'bad_character'],
    ['SO TTTT', 'bad_character'],
    ['SO/TTTT', 'bad_character'],
    ['SO&TTTT', 'bad_character'],
    ['-SO', 'separator_at_edge'],
    ['SO.', 'separator_at_edge'],
    ['SO--TTTT', 'double_separator'],
    ['SO-.TTTT', 'double_separator'],
  ])('refuses %j (%s)', (value, reason) => {
    expect(reasonOf(value)).toBe(reason);
  });

  it('names the bad character in both languages', () => {
    const error = parseAgencyCode('SĐ-TTTT') as DomainError;
    expect(error.code).toBe('invalid_agency_code');
    expect(error.details).toMatchObject({ reason: 'bad_character', character: 'Đ' });
    expect(error.message).toContain('"Đ"');
    expect(error.messageVi).toContain('ký tự "Đ"');
  });

  it('calls a space a space', () => {
    expect((parseAgencyCode('SO TTTT') as DomainError).messageVi).toContain('dấu cách');
  });

  it('isAgencyCode accepts only canonical codes; agencyCode throws on bad ones', () => {
    expect(isAgencyCode('SO-TTTT')).toBe(true);
    expect(isAgencyCode('so-tttt')).toBe(false);
    expect(agencyCode(' stttt ')).toBe('STTTT');
    expect(() => agencyCode('S')).toThrow(/shorter/);
  });
});

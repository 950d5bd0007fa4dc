import { DomainError } from '../../src/shared/domain-error';
import { emailAddress, isEmailAddress, parseEmailAddress } from '../../src/user/email-address';

const refusal = (value: unknown): DomainError => {
  const result = parseEmailAddress(value);
  if (!(result instanceof DomainError)) throw new Error(`accepted ${String(value)} as ${result}`);
  return result;
};
const reasonOf = (value: unknown): unknown => refusal(value).details?.reason;

describe('parseEmailAddress', () => {
  it.each([
    ['nguyenvana@sotttt.gov.vn', 'nguyenvana@sotttt.gov.vn'],
    ['  nguyenvana@sotttt.gov.vn  ', 'nguyenvana@sotttt.gov.vn'],
    ['NguyenVanA@SoTTTT.HaTinh.Gov.VN', 'NguyenVanA@sotttt.hatinh.gov.vn'],
    ['vanphong@hatinh.gov.vn', 'vanphong@hatinh.gov.vn'],
    ['tran.thi.b@gmail.com', 'tran.thi.b@gmail.com'],
    ['le_van_c123@yahoo.com.vn', 'le_van_c123@yahoo.com.vn'],
    ['pham-d@vnpt.vn', 'pham-d@vnpt.vn'],
    ['hoang.e+chidao@outlook.com', 'hoang.e+chidao@outlook.com'],
    ['vp.ubnd@quangninh.gov.vn', 'vp.ubnd@quangninh.gov.vn'],
    ['sokhdt@danang.gov.vn', 'sokhdt@danang.gov.vn'],
    ["o'neil@example.org", "o'neil@example.org"],
    ['a@b.vn', 'a@b.vn'],
    ['x@mail-1.so-tttt.vn', 'x@mail-1.so-tttt.vn'],
    ['thu@xn--tnmin-vn.vn', 'thu@xn--tnmin-vn.vn'],
    ['info@example.xn--p1ai', 'info@example.xn--p1ai'],
    ['nguyenvana＠sotttt.gov.vn', 'nguyenvana@sotttt.gov.vn'], // full-width @
    ['\u200bnguyenvana@sotttt.gov.vn\ufeff', 'nguyenvana@sotttt.gov.vn'], // pasted invisibles
    [`${'a'.repeat(64)}@sotttt.gov.vn`, `${'a'.repeat(64)}@sotttt.gov.vn`],
  ])('accepts %j as %s', (typed, stored) => {
    expect(parseEmailAddress(typed)).toBe(stored);
  });

  it.each([
    [undefined, 'not_text'],
    [42, 'not_text'],
    ['', 'empty'],
    ['   ', 'empty'],
    ['nguyen van a@gmail.com', 'space'],
    ['Nguyễn Văn A <a@sotttt.gov.vn>', 'space'],
    ['a@x.vn b@y.vn', 'space'],
    ['a@x.vn\nb@y.vn', 'space'],
    ['nguyenvana@gmail.com\u0000x', 'control_character'],
    ['nguyen\u200bvana@gmail.com', 'control_character'],
    ['nguyễnvăna@gmail.com', 'not_ascii'],
    ['thư@sở.vn', 'not_ascii'],
    ['nguyenvana.gmail.com', 'no_at'],
    ['nguyenvana', 'no_at'],
    ['a@@gmail.com', 'several_at'],
    ['a@x.vn;b@y.vn', 'several_at'],
    ['a@x.vn,b@y.vn', 'several_at'],
    [`${'a'.repeat(64)}@${'b'.repeat(63)}.${'c'.repeat(63)}.${'d'.repeat(60)}.vn`, 'too_long'],
    ['@gmail.com', 'empty_local_part'],
    [`${'a'.repeat(65)}@gmail.com`, 'local_part_too_long'],
    ['nguyen(van)a@gmail.com', 'bad_character'],
    ['"a"@gmail.com', 'bad_character'],
    ['mailto:a@gmail.com', 'bad_character'],
    ['a@gmail,com', 'bad_character'],
    ['a@so_tttt.gov.vn', 'bad_character'],
    ['a@[10.0.0.1]', 'bad_character'],
    ['.nguyenvana@gmail.com', 'misplaced_dot'],
    ['nguyenvana.@gmail.com', 'misplaced_dot'],
    ['nguyen..vana@gmail.com', 'misplaced_dot'],
    ['nguyenvana@', 'empty_domain'],
    ['nguyenvana@gmail', 'no_dot_in_domain'],
    ['nguyenvana@localhost', 'no_dot_in_domain'],
    ['nguyenvana@gmail..com', 'bad_domain'],
    ['nguyenvana@.gmail.com', 'bad_domain'],
    ['nguyenvana@gmail.com.', 'bad_domain'],
    ['nguyenvana@-so.gov.vn', 'bad_domain'],
    ['nguyenvana@so-.gov.vn', 'bad_domain'],
    ['nguyenvana@gmail.c', 'bad_domain'],
    ['nguyenvana@10.0.0.1', 'bad_domain'],
    ['nguyenvana@gmail.com1', 'bad_domain'],
    [`a@${'b'.repeat(64)}.vn`, 'bad_domain'],
  ])('refuses %j (%s)', (value, reason) => {
    expect(reasonOf(value)).toBe(reason);
  });

  it('names the field "Địa chỉ thư điện tử" and gives an example, in both languages', () => {
    const error = refusal('nguyenvana@gmail');
    expect(error.kind).toBe('invalid_input');
    expect(error.code).toBe('invalid_email_address');
    expect(error.messageVi).toBe(
      'Địa chỉ thư điện tử "nguyenvana@gmail" không hợp lệ: tên miền "gmail" thiếu dấu chấm ' +
        '(ví dụ gmail.com, sotttt.gov.vn); ví dụ nguyenvana@sotttt.gov.vn.',
    );
    expect(error.message).toContain('E-mail address "nguyenvana@gmail" is not valid');
    expect(error.details).toMatchObject({ field: 'email', value: 'nguyenvana@gmail' });
  });

  it('says an empty address is missing', () => {
    expect(refusal(' ').messageVi).toBe('Địa chỉ thư điện tử không được để trống.');
  });

  it('explains the usual slips', () => {
    expect(refusal('Nguyễn Văn A <a@x.vn>').messageVi).toContain('không kèm họ tên');
    expect(refusal('nguyễnvăna@gmail.com').messageVi).toContain('ký tự "ễ"');
    expect(refusal('nguyễnvăna@gmail.com').messageVi).toContain('không dùng chữ có dấu');
    expect(refusal('a@gmail,com').messageVi).toContain('không được dùng ký tự ","');
    expect(refusal('a@x.vn;b@y.vn').messageVi).toContain('chỉ nhập một địa chỉ');
    expect(refusal('a\u0000b@gmail.com').messageVi).toContain('(U+0000)');
    expect(refusal('a\u0000b@gmail.com').messageVi).toContain('"a\uFFFDb@gmail.com"');
  });

  it('quotes a long value cut short', () => {
    const error = refusal(`${'a'.repeat(300)}@gmail.com`);
    expect(error.messageVi).toContain(`"${'a'.repeat(59)}…"`);
    expect(error.messageVi).toContain('dài quá 254 ký tự');
  });

  it('takes another label for another field', () => {
    const label = { field: 'headEmail', en: "The head's e-mail", vi: 'Thư điện tử thủ trưởng' };
    const error = parseEmailAddress('x', label) as DomainError;
    expect(error.messageVi).toMatch(/^Thư điện tử thủ trưởng "x" không hợp lệ: thiếu ký tự "@"/);
    expect(error.details?.field).toBe('headEmail');
  });

  it('isEmailAddress accepts only the stored form; emailAddress throws on bad ones', () => {
    expect(isEmailAddress('a@sotttt.gov.vn')).toBe(true);
    expect(isEmailAddress('a@SoTTTT.gov.vn')).toBe(false);
    expect(isEmailAddress(' a@sotttt.gov.vn')).toBe(false);
    expect(emailAddress('A@SoTTTT.gov.vn')).toBe('A@sotttt.gov.vn');
    expect(() => emailAddress('a@')).toThrow(/E-mail address "a@" is not valid/);
  });
});

import { DomainError } from '../../src/shared/domain-error';
import {
  isPhoneNumber,
  parsePhoneNumber,
  phoneNumber,
  phoneNumberKind,
} from '../../src/user/phone-number';

const refusal = (value: unknown): DomainError => {
  const result = parsePhoneNumber(value);
  if (!(result instanceof DomainError)) throw new Error(`accepted ${String(value)} as ${result}`);
  return result;
};
const reasonOf = (value: unknown): unknown => refusal(value).details?.reason;

describe('parsePhoneNumber', () => {
  it.each([
    // Mobiles as people type them, every network.
    ['0912345678', '+84912345678'],
    ['0912 345 678', '+84912345678'],
    ['0912.345.678', '+84912345678'],
    ['0912-345-678', '+84912345678'],
    ['091 234 5678', '+84912345678'],
    ['  0912 345 678  ', '+84912345678'],
    ['+84 912345678', '+84912345678'],
    ['+84 912 345 678', '+84912345678'],
    ['+84912345678', '+84912345678'],
    ['84912345678', '+84912345678'],
    ['84 912 345 678', '+84912345678'],
    ['+84 (0) 912 345 678', '+84912345678'],
    ['+840912345678', '+84912345678'],
    ['0084 912 345 678', '+84912345678'],
    ['0912\u00a0345\u00a0678', '+84912345678'], // no-break spaces pasted from a document
    ['0912\u200b345678', '+84912345678'], // a zero-width space pasted along
    ['０９１２３４５６７８', '+84912345678'], // full-width digits
    ['0912–345–678', '+84912345678'], // en dashes
    ['0983 456 789', '+84983456789'], // Viettel
    ['0868.123.456', '+84868123456'],
    ['0388 123 456', '+84388123456'],
    ['0325 678 901', '+84325678901'],
    ['0888 123 456', '+84888123456'], // Vinaphone
    ['0943 123 456', '+84943123456'],
    ['0813 456 789', '+84813456789'],
    ['0905 123 456', '+84905123456'], // MobiFone
    ['0935 123 456', '+84935123456'],
    ['0703 456 789', '+84703456789'],
    ['0769 123 456', '+84769123456'],
    ['0898 123 456', '+84898123456'],
    ['0923 456 789', '+84923456789'], // Vietnamobile
    ['0563 456 789', '+84563456789'],
    ['0523 456 789', '+84523456789'],
    ['0993 456 789', '+84993456789'], // Gmobile
    ['0593 456 789', '+84593456789'],
    ['0873 456 789', '+84873456789'], // Itelecom
    ['0553 456 789', '+84553456789'], // Reddi
    // Landlines since 2017: 11 digits.
    ['024 3823 4567', '+842438234567'], // Hà Nội
    ['(024) 3823 4567', '+842438234567'],
    ['028 3829 1234', '+842838291234'], // TP. Hồ Chí Minh
    ['0239 3855 123', '+842393855123'], // Hà Tĩnh
    ['0239.3855.123', '+842393855123'],
    ['0236 3822 123', '+842363822123'], // Đà Nẵng
    ['0294 3862 123', '+842943862123'], // Trà Vinh
    ['0203 3835 123', '+842033835123'], // Quảng Ninh
    ['0299 3822 123', '+842993822123'], // Sóc Trăng
    ['+84 24 3823 4567', '+842438234567'],
    ['+84 239 3855 123', '+842393855123'],
  ])('accepts %j as %s', (typed, stored) => {
    expect(parsePhoneNumber(typed)).toBe(stored);
  });

  it.each([
    [undefined, 'not_text'],
    [912345678, 'not_text'],
    [null, 'not_text'],
    ['', 'empty'],
    ['   ', 'empty'],
    [' - . ', 'empty'],
    ['0912 345 678 (anh Nam)', 'bad_character'],
    ['0912345678 máy lẻ 12', 'bad_character'],
    ['0912345678, 0987654321', 'bad_character'],
    ['0912345678 / 0987654321', 'bad_character'],
    ['0912345678;0987654321', 'bad_character'],
    ['+84+912345678', 'bad_character'],
    ['09123456789\u0007', 'bad_character'],
    ['tel:0912345678', 'bad_character'],
    ['O912345678', 'bad_character'], // a letter O for the zero
    ['+1 202 555 0123', 'foreign'],
    ['+856 20 5555 1234', 'foreign'], // Laos
    ['0086 138 0013 8000', 'foreign'],
    ['912345678', 'missing_prefix'],
    ['1900 1234', 'missing_prefix'],
    ['38234567', 'missing_prefix'],
    ['091234567', 'wrong_length'],
    ['09123456789', 'wrong_length'],
    ['+84 91234567', 'wrong_length'],
    ['024 3823 456', 'wrong_length'],
    ['0239 3855 1234', 'wrong_length'],
    ['0', 'wrong_length'],
    ['+84', 'wrong_length'],
    ['0123456789', 'unknown_prefix'],
    ['0312 345 678', 'unknown_prefix'],
    ['0502 345 678', 'unknown_prefix'],
    ['0712 345 678', 'unknown_prefix'],
    ['0802 345 678', 'unknown_prefix'],
    ['0952 345 678', 'unknown_prefix'], // S-Fone, closed
    ['0612 345 678', 'unknown_prefix'],
    ['0200 1234 567', 'unknown_area_code'],
    ['0217 1234 567', 'unknown_area_code'],
    ['0250 1234 567', 'unknown_area_code'],
    ['0298 1234 567', 'unknown_area_code'],
    ['0168 345 6789', 'old_mobile_number'],
    ['+84 168 345 6789', 'old_mobile_number'],
    ['0123 456 7890', 'old_mobile_number'],
  ])('refuses %j (%s)', (value, reason) => {
    expect(reasonOf(value)).toBe(reason);
  });

  it('names the field "Số điện thoại" and gives an example, in both languages', () => {
    const error = refusal('0912 345');
    expect(error.kind).toBe('invalid_input');
    expect(error.code).toBe('invalid_phone_number');
    expect(error.messageVi).toBe(
      'Số điện thoại "0912 345" không hợp lệ: số di động có 10 chữ số kể cả số 0 ở đầu, số đã nhập có 7; ' +
        'hãy nhập số điện thoại Việt Nam, ví dụ 0912 345 678 (di động) hoặc 024 3823 4567 (cố định).',
    );
    expect(error.message).toContain('Phone number "0912 345" is not valid');
    expect(error.details).toMatchObject({ field: 'phone', value: '0912 345', digits: 7 });
  });

  it('says an empty number is missing', () => {
    expect(refusal('').messageVi).toBe('Số điện thoại không được để trống.');
  });

  it('gives the new form of an old 11-digit mobile number', () => {
    const error = refusal('0168 345 6789');
    expect(error.details).toMatchObject({ renumbered: '0383456789' });
    expect(error.messageVi).toContain('đã đổi thành 0383456789');
    expect(parsePhoneNumber('0383456789')).toBe('+84383456789');
    expect(refusal('0127 123 4567').details?.renumbered).toBe('0811234567');
    expect(refusal('0199 123 4567').details?.renumbered).toBe('0591234567');
  });

  it('names a bad character, a control character by its code point, and a list as a list', () => {
    expect(refusal('0912 345 678 (anh Nam)').messageVi).toContain('ký tự "a" không phải chữ số');
    expect(refusal('0912\u0007345678').messageVi).toContain('ký tự điều khiển (U+0007)');
    expect(refusal('0912\u0007345678').messageVi).toContain('"0912\uFFFD345678"');
    expect(refusal('0912345678, 0987654321').messageVi).toContain('chỉ nhập một số điện thoại');
  });

  it('names the prefix, the area code and the country', () => {
    expect(refusal('0312 345 678').messageVi).toContain('đầu số 031 không phải đầu số di động');
    expect(refusal('0217 1234 567').messageVi).toContain('mã vùng 0217 không có ở Việt Nam');
    expect(refusal('+1 202 555 0123').messageVi).toContain(
      'không phải số Việt Nam (mã quốc gia +84)',
    );
  });

  it('takes another label for another field', () => {
    const label = { field: 'headPhone', en: "The head's phone", vi: 'Số điện thoại thủ trưởng' };
    const error = parsePhoneNumber('12', label) as DomainError;
    expect(error.messageVi).toMatch(/^Số điện thoại thủ trưởng "12" không hợp lệ/);
    expect(error.details?.field).toBe('headPhone');
  });

  it('tells mobiles from landlines', () => {
    expect(phoneNumberKind(phoneNumber('0912 345 678'))).toBe('mobile');
    expect(phoneNumberKind(phoneNumber('0868 123 456'))).toBe('mobile');
    expect(phoneNumberKind(phoneNumber('024 3823 4567'))).toBe('landline');
    expect(phoneNumberKind(phoneNumber('0239 3855 123'))).toBe('landline');
  });

  it('isPhoneNumber accepts only the stored form; phoneNumber throws on bad ones', () => {
    expect(isPhoneNumber('+84912345678')).toBe(true);
    expect(isPhoneNumber('0912345678')).toBe(false);
    expect(isPhoneNumber(84912345678)).toBe(false);
    expect(phoneNumber('0912 345 678')).toBe('+84912345678');
    expect(() => phoneNumber('0912')).toThrow(/Phone number "0912" is not valid/);
  });

  it('gives the stored form back unchanged', () => {
    for (const typed of ['0912 345 678', '024 3823 4567', '0239 3855 123', '0593 456 789']) {
      const stored = phoneNumber(typed);
      expect(parsePhoneNumber(stored)).toBe(stored);
    }
  });
});

import { agencyKeys, createAgencyMatcher } from '../../src/import';

const REGISTER = [
  { code: 'STTTT', name: 'Sở Thông tin và Truyền thông' },
  { code: 'SKHDT', name: 'Sở Kế hoạch và Đầu tư' },
  { code: 'STC', name: 'Sở Tài chính' },
  { code: 'SLDTBXH', name: 'Sở Lao động - Thương binh và Xã hội' },
  { code: 'UBND-CANLOC', name: 'UBND huyện Can Lộc' },
  { code: 'STP', name: 'Sở Tư pháp' },
  { code: 'STNMT', name: 'Sở Tài nguyên và Môi trường' },
];

describe('agency names as offices write them', () => {
  const matcher = createAgencyMatcher(REGISTER);

  it.each([
    ['STTTT', 'STTTT', 'code'],
    ['stttt', 'STTTT', 'code'],
    ['Sở Thông tin và Truyền thông', 'STTTT', 'name'],
    ['So Thong tin va Truyen thong', 'STTTT', 'name'],
    ['SỞ THÔNG TIN VÀ TRUYỀN THÔNG', 'STTTT', 'name'],
    ['Sở TT&TT', 'STTTT', 'name'],
    ['Sở TT & TT', 'STTTT', 'name'],
    ['Sở TTTT', 'STTTT', 'name'],
    ['Sở KH&ĐT', 'SKHDT', 'name'],
    ['Sở Kế hoạch & Đầu tư', 'SKHDT', 'name'],
    ['Sở LĐ-TB&XH', 'SLDTBXH', 'name'],
    ['Ủy ban nhân dân huyện Can Lộc', 'UBND-CANLOC', 'name'],
    ['UBND huyện Can Lộc', 'UBND-CANLOC', 'name'],
    ['Sở TN&MT', 'STNMT', 'name'],
  ])('matches "%s" to %s by %s', (text, code, by) => {
    expect(matcher.match(text)).toEqual({ kind: 'matched', code, by });
  });

  it('leaves unknown names for the person to map', () => {
    expect(matcher.match('Công an tỉnh')).toEqual({ kind: 'unmatched' });
    expect(matcher.match('   ')).toEqual({ kind: 'unmatched' });
  });

  it('remembers the names mapped once, before anything else', () => {
    const remembered = createAgencyMatcher(
      REGISTER,
      new Map([
        ['Sở Thông tin - Truyền thông tỉnh', 'STTTT'],
        ['Công an tỉnh', 'STP'],
      ]),
    );
    expect(remembered.match('SO THONG TIN - TRUYEN THONG TINH')).toEqual({
      kind: 'matched',
      code: 'STTTT',
      by: 'alias',
    });
    expect(remembered.match('Công an tỉnh')).toMatchObject({ code: 'STP', by: 'alias' });
  });

  it('does not guess between two agencies a name fits', () => {
    const two = createAgencyMatcher([
      { code: 'STC', name: 'Sở Tài chính' },
      { code: 'STC2', name: 'Sở Thương chính' },
    ]);
    expect(two.match('Sở TC')).toEqual({ kind: 'ambiguous', codes: ['STC', 'STC2'] });
  });

  it('names a department by its name, its abbreviation and the initial of "Sở"', () => {
    expect(agencyKeys('Sở Thông tin và Truyền thông')).toEqual([
      'sothongtinvatruyenthong',
      'sothongtintruyenthong',
      'sotttt',
      'stttt',
    ]);
  });
});

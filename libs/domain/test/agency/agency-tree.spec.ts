import {
  agencyScopeOf,
  buildAgencyTree,
  descendantsOf,
  isSameOrBelow,
  wouldCreateCycle,
} from '../../src/agency/agency-tree';

// UBND-TINH ─┬─ SO-TTTT ─┬─ PHONG-CNTT
//            │           └─ VP-SO
//            └─ UBND-HUONG-SON ── UBND-XA-SON-KIM
// TINH-UY ; ORPHAN (parent missing from the list)
const AGENCIES = [
  { code: 'UBND-HUONG-SON', parent: 'UBND-TINH', name: 'UBND huyện Hương Sơn' },
  { code: 'SO-TTTT', parent: 'UBND-TINH', name: 'Sở TT&TT' },
  { code: 'VP-SO', parent: 'SO-TTTT', name: 'Văn phòng Sở' },
  { code: 'PHONG-CNTT', parent: 'SO-TTTT', name: 'Phòng CNTT' },
  { code: 'UBND-TINH', parent: null, name: 'UBND tỉnh' },
  { code: 'UBND-XA-SON-KIM', parent: 'UBND-HUONG-SON', name: 'UBND xã Sơn Kim' },
  { code: 'TINH-UY', parent: null, name: 'Tỉnh ủy' },
  { code: 'ORPHAN', parent: 'GONE', name: 'Đơn vị mồ côi' },
];
const tree = buildAgencyTree(AGENCIES);

describe('buildAgencyTree', () => {
  it('links units to parents, sorted, and keeps the records given', () => {
    expect(tree.roots).toEqual(['ORPHAN', 'TINH-UY', 'UBND-TINH']);
    expect(tree.nodes.get('UBND-TINH')?.children).toEqual(['SO-TTTT', 'UBND-HUONG-SON']);
    expect(tree.nodes.get('SO-TTTT')?.children).toEqual(['PHONG-CNTT', 'VP-SO']);
    expect(tree.nodes.get('PHONG-CNTT')?.children).toEqual([]);
    expect(tree.nodes.get('VP-SO')?.agency.name).toBe('Văn phòng Sở');
  });

  it('refuses a list with the same code twice', () => {
    expect(() =>
      buildAgencyTree([...AGENCIES, { code: 'SO-TTTT', parent: null, name: 'x' }]),
    ).toThrow(/twice/);
  });

  it('builds an empty tree', () => {
    expect(buildAgencyTree([])).toEqual({ nodes: new Map(), roots: [] });
  });
});

describe('isSameOrBelow', () => {
  it.each([
    ['SO-TTTT', 'SO-TTTT', true],
    ['PHONG-CNTT', 'SO-TTTT', true],
    ['UBND-XA-SON-KIM', 'UBND-TINH', true],
    ['UBND-TINH', 'SO-TTTT', false],
    ['UBND-HUONG-SON', 'SO-TTTT', false],
    ['SO-TTTT', 'TINH-UY', false],
    ['ORPHAN', 'GONE', true],
    ['NOWHERE', 'UBND-TINH', false],
  ])('%s under %s: %s', (code, ancestor, expected) => {
    expect(isSameOrBelow(tree, code, ancestor)).toBe(expected);
    expect(agencyScopeOf(tree).isSameOrBelow(code, ancestor)).toBe(expected);
  });

  it('stops on a cycle in corrupt data', () => {
    const corrupt = buildAgencyTree([
      { code: 'A', parent: 'B' },
      { code: 'B', parent: 'A' },
    ]);
    expect(isSameOrBelow(corrupt, 'A', 'C')).toBe(false);
    expect(isSameOrBelow(corrupt, 'A', 'B')).toBe(true);
  });
});

describe('descendantsOf', () => {
  it('lists units at every depth, parents first', () => {
    expect(descendantsOf(tree, 'UBND-TINH')).toEqual([
      'SO-TTTT',
      'UBND-HUONG-SON',
      'PHONG-CNTT',
      'VP-SO',
      'UBND-XA-SON-KIM',
    ]);
  });

  it('includes the agency itself when asked', () => {
    expect(descendantsOf(tree, 'SO-TTTT', { includeSelf: true })).toEqual([
      'SO-TTTT',
      'PHONG-CNTT',
      'VP-SO',
    ]);
    expect(descendantsOf(tree, 'PHONG-CNTT', { includeSelf: true })).toEqual(['PHONG-CNTT']);
  });

  it('answers nothing for a leaf or an unknown code', () => {
    expect(descendantsOf(tree, 'PHONG-CNTT')).toEqual([]);
    expect(descendantsOf(tree, 'NOWHERE', { includeSelf: true })).toEqual([]);
  });
});

describe('wouldCreateCycle', () => {
  it.each([
    ['SO-TTTT', 'SO-TTTT', true],
    ['SO-TTTT', 'PHONG-CNTT', true],
    ['UBND-TINH', 'UBND-XA-SON-KIM', true],
    ['SO-TTTT', 'TINH-UY', false],
    ['PHONG-CNTT', 'UBND-HUONG-SON', false],
    ['SO-TTTT', null, false],
    ['SO-TTTT', 'NOWHERE', false],
  ])('moving %s under %s: %s', (code, parent, expected) => {
    expect(wouldCreateCycle(tree, code, parent)).toBe(expected);
  });
});

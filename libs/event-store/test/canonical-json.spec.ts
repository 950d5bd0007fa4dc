import fc from 'fast-check';
import { canonicalJson } from '../src/canonical-json';

describe('canonicalJson', () => {
  it('sorts keys recursively and writes no whitespace', () => {
    expect(canonicalJson({ b: 1, a: { d: [3, { z: null, y: 'x' }], c: true } })).toBe(
      '{"a":{"c":true,"d":[3,{"y":"x","z":null}]},"b":1}',
    );
  });

  it('orders keys by UTF-16 code units, whatever the insertion order', () => {
    expect(canonicalJson({ é: 1, Z: 2, a: 3, '10': 4, '9': 5 })).toBe(
      '{"10":4,"9":5,"Z":2,"a":3,"é":1}',
    );
  });

  it('drops undefined properties', () => {
    expect(canonicalJson({ a: undefined, b: 1, c: { d: undefined } })).toBe('{"b":1,"c":{}}');
  });

  it('writes strings and numbers as JSON does', () => {
    expect(canonicalJson('Đôn đốc "gấp"\n\u0001')).toBe(JSON.stringify('Đôn đốc "gấp"\n\u0001'));
    expect(canonicalJson([0, -0, 1e21, 1.5e-7, 0.1 + 0.2])).toBe(
      '[0,0,1e+21,1.5e-7,0.30000000000000004]',
    );
  });

  it('serialises objects with toJSON (dates) as JSON does', () => {
    expect(canonicalJson({ at: new Date('2024-05-27T00:00:00Z') })).toBe(
      '{"at":"2024-05-27T00:00:00.000Z"}',
    );
  });

  it('accepts a shared, non-cyclic reference', () => {
    const shared = { x: 1 };
    expect(canonicalJson({ a: shared, b: [shared] })).toBe('{"a":{"x":1},"b":[{"x":1}]}');
  });

  it.each([
    ['NaN', { n: NaN }],
    ['Infinity', [Infinity]],
    ['-Infinity', -Infinity],
    ['a bigint', { n: 1n }],
    ['a function', { f: () => 1 }],
    ['a symbol', { s: Symbol('s') }],
    ['undefined at the top', undefined],
    ['undefined in an array', [1, undefined]],
    ['a Map', { m: new Map([['a', 1]]) }],
    [
      'a class instance',
      {
        c: new (class Point {
          x = 1;
        })(),
      },
    ],
  ])('rejects %s', (_label, value) => {
    expect(() => canonicalJson(value)).toThrow(TypeError);
  });

  it('rejects cycles', () => {
    const cyclic: Record<string, unknown> = { a: 1 };
    cyclic.self = cyclic;
    expect(() => canonicalJson(cyclic)).toThrow(/cycle/);
  });

  it('round-trips any JSON value and is a fixed point', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const text = canonicalJson(value);
        expect(JSON.parse(text)).toEqual(JSON.parse(JSON.stringify(value)));
        expect(canonicalJson(JSON.parse(text))).toBe(text);
      }),
    );
  });

  it('does not depend on key insertion order', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string(), fc.jsonValue()), (record) => {
        const reversed = Object.fromEntries(Object.entries(record).reverse());
        expect(canonicalJson(reversed)).toBe(canonicalJson(record));
      }),
    );
  });
});

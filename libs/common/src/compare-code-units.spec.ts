import fc from 'fast-check';
import { compareCodeUnits } from './compare-code-units';

const anyString = fc.string({ unit: 'binary' });

describe('compareCodeUnits', () => {
  it('orders by UTF-16 code units, not by locale', () => {
    expect(['b', 'é', 'B', 'a', '\u{1F600}', '\uFFFF', ''].sort(compareCodeUnits)).toEqual([
      '',
      'B',
      'a',
      'b',
      'é',
      '\u{1F600}',
      '\uFFFF',
    ]);
  });

  it('sorts as the default sort does', () => {
    fc.assert(
      fc.property(fc.array(anyString), (strings) => {
        expect([...strings].sort(compareCodeUnits)).toEqual([...strings].sort());
      }),
    );
  });

  it('answers 0 only for equal strings, and the opposite sign with the arguments swapped', () => {
    fc.assert(
      fc.property(anyString, anyString, (a, b) => {
        expect(compareCodeUnits(a, b) === 0).toBe(a === b);
        expect(compareCodeUnits(b, a)).toBe(-compareCodeUnits(a, b) || 0);
      }),
    );
  });
});

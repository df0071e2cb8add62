import { DomainError } from '@tenantry/common';
import fc from 'fast-check';
import { z } from 'zod';
import { decodePageCursor, encodePageCursor } from './page-cursor';

const position = z.strictObject({ at: z.string(), id: z.string() });

describe('page cursors', () => {
  it('give back the position they were made from', () => {
    fc.assert(
      fc.property(fc.record({ at: fc.string(), id: fc.string() }), (value) => {
        expect(decodePageCursor(position, encodePageCursor(value))).toEqual(value);
      }),
      { seed: 11 },
    );
  });

  it.each(['', 'not base64 at all!', encodePageCursor({ at: 1 }), encodePageCursor([1, 2])])(
    'answer 400 invalid-cursor for %p',
    (cursor) => {
      let error: unknown;
      try {
        decodePageCursor(position, cursor);
      } catch (thrown) {
        error = thrown;
      }
      expect(error).toBeInstanceOf(DomainError);
      expect((error as DomainError).status).toBe(400);
      expect((error as DomainError).type).toBe('invalid-cursor');
    },
  );
});

import fc from 'fast-check';
import { z } from 'zod';
import { pageOf, pageQuerySchema } from './page';
import { decodePageCursor } from './page-cursor';

const position = z.strictObject({ after: z.int() });

describe('pageOf', () => {
  it('walks any list page by page: every item once, in order, and a null cursor on the last page', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 60 }),
        fc.integer({ min: 1, max: 10 }),
        (size, limit) => {
          const list = Array.from({ length: size }, (_, index) => index);
          const seen: number[] = [];
          let after = -1;
          for (let pages = 0; pages <= size; pages++) {
            const rows = list.filter((value) => value > after).slice(0, limit + 1);
            const page = pageOf(
              rows,
              limit,
              (value) => value,
              (value) => ({ after: value }),
            );
            seen.push(...page.data);
            if (page.nextCursor === null) break;
            after = decodePageCursor(position, page.nextCursor).after;
          }
          expect(seen).toEqual(list);
        },
      ),
    );
  });
});

describe('pageQuerySchema', () => {
  it('defaults the limit and refuses one out of range', () => {
    expect(pageQuerySchema(50, 200).parse({})).toEqual({ limit: 50 });
    expect(pageQuerySchema(50, 200).parse({ limit: '200', cursor: 'x' })).toEqual({
      limit: 200,
      cursor: 'x',
    });
    expect(pageQuerySchema(50, 200).safeParse({ limit: '201' }).success).toBe(false);
    expect(pageQuerySchema().safeParse({ limit: '0' }).success).toBe(false);
  });
});

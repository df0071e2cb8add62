import { Readable } from 'node:stream';
import { modelSpecSchema } from '@tenantry/drift-core';
import fc from 'fast-check';
import { allOf } from '../../test/all-of';
import { fixtureModel } from '../../test/drift-fixtures';
import { csvRows } from './csv-rows';

/** The rows of a CSV text sent in chunks of `chunkSize` characters. */
const rowsOf = async (text: string, chunkSize = 7) => {
  const chunks = Array.from({ length: Math.ceil(text.length / chunkSize) }, (_, index) =>
    text.slice(index * chunkSize, (index + 1) * chunkSize),
  );
  return allOf(csvRows(Readable.from(chunks), model));
};
import { MalformedUploadError } from './malformed-upload.error';

const model = modelSpecSchema.parse(
  fixtureModel({
    prediction: { name: 'score', kind: 'numeric' },
    performance: { metric: 'mae' },
  }),
);

describe('csvRows', () => {
  it('reads numeric columns as numbers, others as text, empty cells as null, across chunk boundaries', async () => {
    const text = [
      'timestamp,age,income,plan,region,prediction,label',
      '2026-01-05T00:00:00Z,41.5,,pro,eu,0.25,1',
      ',-3e2,50000,,us,,',
    ].join('\n');
    expect(await rowsOf(text)).toEqual([
      {
        timestamp: '2026-01-05T00:00:00Z',
        features: { age: 41.5, income: null, plan: 'pro', region: 'eu' },
        prediction: 0.25,
        label: 1,
      },
      {
        features: { age: -300, income: 50000, plan: null, region: 'us' },
        prediction: null,
        label: null,
      },
    ]);
  });

  it('keeps non-decimal cells of numeric columns as text, for validation to name them', async () => {
    const rows = await rowsOf('age,income\nNaN,Infinity\nabc,0x10\n');
    expect(rows.map((row) => row.features)).toEqual([
      { age: 'NaN', income: 'Infinity' },
      { age: 'abc', income: '0x10' },
    ]);
  });

  it('reads quoted cells with commas and keeps categorical text as written', async () => {
    const rows = await rowsOf('plan,region\n"pro, annual", eu\n');
    expect(rows[0]!.features).toEqual({ plan: 'pro, annual', region: ' eu' });
  });

  it('refuses a repeated column and rows of the wrong length', async () => {
    await expect(rowsOf('age,age\n1,2\n')).rejects.toThrow(MalformedUploadError);
    await expect(rowsOf('age,income\n1,2,3\n')).rejects.toThrow(MalformedUploadError);
  });

  it('passes on an error of the chunks it reads', async () => {
    async function* failing() {
      yield 'age,income\n1,2\n';
      throw new RangeError('the upload passed its limit');
    }
    await expect(allOf(csvRows(failing(), model))).rejects.toThrow(RangeError);
  });

  it('gives back every finite number written with String()', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(
          fc.tuple(
            fc.double({ noNaN: true, noDefaultInfinity: true }),
            fc.double({ noNaN: true, noDefaultInfinity: true }),
          ),
          {
            minLength: 1,
          },
        ),
        async (pairs) => {
          const text = ['age,income', ...pairs.map(([age, income]) => `${age},${income}`)].join(
            '\n',
          );
          const read = (await rowsOf(text, 64)).map((row) => {
            const features = row.features as Record<string, unknown>;
            return [features.age, features.income];
          });
          // -0 prints as "0": the one value that comes back as another (equal) number.
          expect(read).toEqual(
            pairs.map((pair) => pair.map((value) => (Object.is(value, -0) ? 0 : value))),
          );
        },
      ),
      { seed: 20260105, numRuns: 200 },
    );
  });
});

import fc from 'fast-check';
import type { SampleRow, SampleValue } from './drift-types';
import { modelSpecSchema } from './model-spec';
import {
  admitSegmentValues,
  OTHER_SEGMENT_VALUE,
  segmentAdmissionOf,
  segmentsOf,
  storedSegmentAdmission,
  type SegmentAdmission,
} from './segment-admission';

const model = (maxSegmentValues?: number) =>
  modelSpecSchema.parse({
    key: 'churn',
    features: [{ name: 'age', kind: 'numeric' }],
    segments: ['region', 'plan'],
    ...(maxSegmentValues === undefined ? {} : { maxSegmentValues }),
  });

const row = (features: Record<string, SampleValue>): SampleRow => ({
  timestamp: '2026-11-25T10:15:00Z',
  features: { age: 41, ...features },
});

const nothing: SegmentAdmission = new Map();

describe('segmentsOf', () => {
  it('puts a row in the whole model and in each admitted segment it has a value for', () => {
    const twoEach = model(2);
    const admitted = admitSegmentValues(nothing, [row({ region: 'eu', plan: 'pro' })], twoEach);
    expect(segmentsOf(row({ region: 'eu', plan: 'pro' }), twoEach, admitted)).toEqual([
      '',
      'region=eu',
      'plan=pro',
    ]);
    expect(segmentsOf(row({ plan: 'pro', region: null }), twoEach, admitted)).toEqual([
      '',
      'plan=pro',
    ]);
  });

  it('puts a row whose value was not admitted in <field>=__other__', () => {
    expect(segmentsOf(row({ region: 'eu', plan: true }), model(), nothing)).toEqual([
      '',
      `region=${OTHER_SEGMENT_VALUE}`,
      'plan=__other__',
    ]);
  });
});

describe('admitSegmentValues', () => {
  it('admits the first maxSegmentValues values of each field in arrival order, no later ones', () => {
    const rows = ['eu', 'us', 'eu', 'apac', 'us', 'latam'].map((region) => row({ region }));
    const twoEach = model(2);
    const admitted = admitSegmentValues(nothing, rows, twoEach);
    expect(storedSegmentAdmission(admitted)).toEqual({ region: ['eu', 'us'] });
    expect(rows.map((each) => segmentsOf(each, twoEach, admitted)[1])).toEqual([
      'region=eu',
      'region=us',
      'region=eu',
      'region=__other__',
      'region=us',
      'region=__other__',
    ]);
    expect(admitSegmentValues(admitted, [row({ region: 'mena' })], twoEach)).toEqual(admitted);
  });

  it('defaults to 50 values per field', () => {
    const rows = Array.from({ length: 60 }, (_, user) => row({ region: `user-${user}` }));
    expect(admitSegmentValues(nothing, rows, model()).get('region')!.size).toBe(50);
  });

  it('treats 1 and "1" as one value, never admits __other__ and leaves its input alone', () => {
    const one = model(1);
    const before = admitSegmentValues(nothing, [row({ region: 1 })], one);
    const after = admitSegmentValues(
      before,
      [row({ region: '1', plan: OTHER_SEGMENT_VALUE }), row({ plan: 'pro' })],
      one,
    );
    expect(storedSegmentAdmission(before)).toEqual({ region: ['1'] });
    expect(storedSegmentAdmission(after)).toEqual({ region: ['1'], plan: ['pro'] });
  });

  it('stores and restores an admission in order, a field called __proto__ included', () => {
    const odd = modelSpecSchema.parse({
      key: 'odd',
      features: [{ name: 'age', kind: 'numeric' }],
      segments: ['__proto__', 'constructor'],
    });
    const admitted = admitSegmentValues(
      nothing,
      [row({}), { ...row({}), features: JSON.parse('{"__proto__":"b","constructor":"c"}') }],
      odd,
    );
    const stored = JSON.parse(JSON.stringify(storedSegmentAdmission(admitted)));
    expect(Object.keys(stored)).toEqual(['__proto__', 'constructor']);
    expect(segmentAdmissionOf(stored)).toEqual(admitted);
  });

  it('gives every row the same segments with the admission after it, after its chunk or after all rows', () => {
    const value = fc.option(fc.constantFrom<SampleValue>('a', 'b', 'c', 'd', 'e', 1, '1'), {
      nil: null,
    });
    fc.assert(
      fc.property(
        fc.array(fc.record({ region: value, plan: value }), { maxLength: 40 }),
        fc.integer({ min: 1, max: 4 }),
        fc.array(fc.integer({ min: 0, max: 40 }), { maxLength: 5 }),
        (features, limit, cuts) => {
          const spec = model(limit);
          const rows = features.map(row);
          let oneByOne = nothing;
          const rowByRow = rows.map((each) => {
            oneByOne = admitSegmentValues(oneByOne, [each], spec);
            return segmentsOf(each, spec, oneByOne);
          });

          const bounds = [...new Set([0, ...cuts, rows.length])]
            .filter((bound) => bound <= rows.length)
            .sort((a, b) => a - b);
          let chunked = nothing;
          const byChunk = bounds.slice(1).flatMap((end, index) => {
            const chunk = rows.slice(bounds[index], end);
            chunked = admitSegmentValues(chunked, chunk, spec);
            return chunk.map((each) => segmentsOf(each, spec, chunked));
          });

          const final = admitSegmentValues(nothing, rows, spec);
          expect(byChunk).toEqual(rowByRow);
          expect(rows.map((each) => segmentsOf(each, spec, final))).toEqual(rowByRow);
          expect(storedSegmentAdmission(chunked)).toEqual(storedSegmentAdmission(final));

          for (const field of spec.segments) {
            const firstSeen = [
              ...new Set(
                rows.flatMap((each) => {
                  const seen = each.features[field];
                  return seen === null || seen === undefined ? [] : [String(seen)];
                }),
              ),
            ];
            expect([...(final.get(field) ?? [])]).toEqual(firstSeen.slice(0, limit));
          }
        },
      ),
      { seed: 11, numRuns: 300 },
    );
  });
});

import {
  admitSegmentValues,
  modelSpecSchema,
  type ModelSpec,
  type SampleRow,
} from '@tenantry/drift-core';
import fc from 'fast-check';
import { fixtureModel, sampleRows } from '../../test/drift-fixtures';
import { windowRows } from './window-rows';

const hourly = modelSpecSchema.parse(fixtureModel());
const counted = modelSpecSchema.parse(fixtureModel({ window: { type: 'count', rows: 10 } }));

/** The rows' groups with the admission after all of them. */
const grouped = (batches: Parameters<typeof windowRows>[0], model: ModelSpec) =>
  windowRows(
    batches,
    model,
    admitSegmentValues(
      new Map(),
      batches.flatMap((batch) => batch.rows),
      model,
    ),
  );

const summary = (groups: ReturnType<typeof windowRows>) =>
  Object.fromEntries(
    groups.map((group) => [
      `${group.windowIndex}/${group.segment}`,
      [group.rows.length, group.firstTime, group.lastTime],
    ]),
  );

describe('windowRows', () => {
  it('puts each row in its hour, whole and in its region, with the earliest and latest time', () => {
    const rows = sampleRows({ count: 4, seed: 1, spacingMs: 1_800_000 }).map((row, index) => ({
      ...row,
      features: { ...row.features, region: index < 3 ? 'eu' : null },
    }));
    const hour = Date.parse(rows[0]!.timestamp) / 3_600_000;
    const time = (index: number) => Date.parse(rows[index]!.timestamp);
    expect(summary(grouped([{ firstSequence: 0, rows }], hourly))).toEqual({
      [`${hour}/`]: [2, time(0), time(1)],
      [`${hour}/region=eu`]: [2, time(0), time(1)],
      [`${hour + 1}/`]: [2, time(2), time(3)],
      [`${hour + 1}/region=eu`]: [1, time(2), time(2)],
    });
  });

  it('cuts count windows by the sequence numbers of the rows, across batches', () => {
    const rows = sampleRows({ count: 25, seed: 2, region: 'us' });
    const groups = grouped(
      [
        { firstSequence: 7, rows: rows.slice(0, 6) },
        { firstSequence: 13, rows: rows.slice(6) },
      ],
      counted,
    );
    const sizes = Object.fromEntries(
      groups.map((group) => [`${group.windowIndex}/${group.segment}`, group.rows.length]),
    );
    expect(sizes).toEqual({
      '0/': 3,
      '0/region=us': 3,
      '1/': 10,
      '1/region=us': 10,
      '2/': 10,
      '2/region=us': 10,
      '3/': 2,
      '3/region=us': 2,
    });
  });

  it('puts every row into the same windows however the rows are split into batches', () => {
    const rows = sampleRows({ count: 60, seed: 3, spacingMs: 240_000 });
    const canonical = (groups: ReturnType<typeof windowRows>) =>
      Object.fromEntries(
        groups.map((group) => [
          `${group.windowIndex}/${group.segment}`,
          group.rows.map((row: SampleRow) => row.timestamp).sort(),
        ]),
      );
    const whole = canonical(grouped([{ firstSequence: 0, rows }], hourly));
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 59 }), { maxLength: 8 }), (cuts) => {
        const bounds = [0, ...[...new Set(cuts)].sort((a, b) => a - b), rows.length];
        const batches = bounds.slice(1).map((end, index) => ({
          firstSequence: bounds[index]!,
          rows: rows.slice(bounds[index], end),
        }));
        expect(canonical(grouped(batches.reverse(), hourly))).toEqual(whole);
      }),
      { seed: 7, numRuns: 100 },
    );
  });
});

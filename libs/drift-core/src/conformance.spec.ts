import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { quantileEdges } from './binning';
import { driftCaseStatistics, parseDriftCase } from './drift-case';

// The vectors are the definition of every statistic (see conformance/README.md). The copy in this
// library is what a clean clone tests against; where the shared original sits beside the
// repository, the copy must not have drifted from it.
const copyDirectory = path.resolve(__dirname, '../conformance');
const sharedDirectory = path.resolve(__dirname, '../../../../shared/conformance');
const vectorsFile = 'drift-vectors.json';

interface ConformanceCase {
  name: string;
  kind: 'numeric' | 'categorical';
  bins?: number;
  reference?: number[];
  edges?: (number | string)[];
  expected: Record<string, unknown>;
}

const vectors = JSON.parse(readFileSync(path.join(copyDirectory, vectorsFile), 'utf8')) as {
  generated_with: string;
  cases: ConformanceCase[];
};

function expectConformant(actual: unknown, expected: unknown, field: string): void {
  if (typeof expected === 'number') {
    expect(typeof actual).toBe('number');
    // 1e-6 relative, or 1e-9 absolute near zero.
    const tolerance = Math.max(1e-6 * Math.abs(expected), 1e-9);
    if (!(Math.abs((actual as number) - expected) <= tolerance)) {
      throw new Error(
        `${field}: got ${String(actual)}, expected ${expected} (tolerance ${tolerance})`,
      );
    }
  } else {
    expect({ [field]: actual }).toEqual({ [field]: expected });
  }
}

describe(`drift conformance vectors (${vectors.generated_with})`, () => {
  it.each(['drift-vectors.json', 'README.md'])(
    'keeps %s identical to the shared original, when present',
    (file) => {
      const shared = path.join(sharedDirectory, file);
      if (!existsSync(shared)) return;
      expect(readFileSync(path.join(copyDirectory, file)).equals(readFileSync(shared))).toBe(true);
    },
  );

  it('holds cases of both kinds', () => {
    expect(vectors.cases.map((driftCase) => driftCase.kind)).toEqual(
      expect.arrayContaining(['numeric', 'categorical']),
    );
  });

  describe.each(vectors.cases.map((driftCase) => [driftCase.name, driftCase] as const))(
    '%s',
    (_name, driftCase) => {
      const actual = driftCaseStatistics(parseDriftCase(driftCase)) as unknown as Record<
        string,
        unknown
      >;

      it('computes exactly the expected fields', () => {
        expect(Object.keys(actual).sort()).toEqual(Object.keys(driftCase.expected).sort());
      });

      it.each(Object.keys(driftCase.expected))('matches %s', (field) => {
        expectConformant(actual[field], driftCase.expected[field], field);
      });

      if (driftCase.kind === 'numeric') {
        it('freezes the same bin edges from the reference', () => {
          const expected = driftCase.edges!.map((edge) =>
            typeof edge === 'string' ? Number(edge) : edge,
          );
          expect(quantileEdges(driftCase.reference!, driftCase.bins!)).toEqual(expected);
        });
      }
    },
  );
});

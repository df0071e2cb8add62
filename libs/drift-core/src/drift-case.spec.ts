import { driftCaseStatistics, parseDriftCase } from './drift-case';
import { InvalidDriftInputError } from './invalid-drift-input.error';

describe('parseDriftCase', () => {
  it('reads a numeric case and ignores the fields only the vectors carry', () => {
    expect(
      parseDriftCase({
        name: 'n',
        kind: 'numeric',
        reference: [1],
        current: [2],
        bins: 4,
        edges: ['-Infinity'],
      }),
    ).toEqual({ kind: 'numeric', reference: [1], current: [2], bins: 4 });
  });

  it('tells a categorical case from a numeric one by its fields when kind is absent', () => {
    expect(parseDriftCase({ reference_counts: { a: 1 }, current_counts: { a: 2 } })).toEqual({
      reference_counts: { a: 1 },
      current_counts: { a: 2 },
    });
  });

  it('says which field is wrong', () => {
    const attempt = () => parseDriftCase({ reference: [1, 'two'], current: [2], bins: 4 });
    expect(attempt).toThrow(InvalidDriftInputError);
    expect(attempt).toThrow(/^not a numeric drift case: reference\.1: .*number/);
  });

  it('refuses what is not a case at all', () => {
    expect(() => parseDriftCase([1, 2])).toThrow(
      /^a drift case is an object: numeric with reference/,
    );
    expect(() => parseDriftCase({ reference_counts: { a: 1 } })).toThrow(
      /^not a categorical drift case: current_counts: /,
    );
  });
});

describe('driftCaseStatistics', () => {
  it('names numeric statistics as the conformance vectors do', () => {
    expect(
      Object.keys(driftCaseStatistics({ reference: [1, 2, 3], current: [2, 3, 4], bins: 2 })),
    ).toEqual([
      'reference_counts',
      'current_counts',
      'ks_statistic',
      'ks_pvalue',
      'psi',
      'kl',
      'js_distance',
      'wasserstein',
      'wasserstein_normed',
    ]);
  });

  it('names categorical statistics as the vectors do, leaving out tests that do not apply', () => {
    expect(
      Object.keys(
        driftCaseStatistics({ reference_counts: { a: 5, b: 5 }, current_counts: { a: 3, b: 6 } }),
      ),
    ).toEqual([
      'psi',
      'kl',
      'js_distance',
      'new_categories',
      'chi2_statistic',
      'chi2_pvalue',
      'z_statistic',
      'z_pvalue',
    ]);
    expect(
      Object.keys(
        driftCaseStatistics({ reference_counts: { a: 5, b: 5 }, current_counts: { a: 3, c: 6 } }),
      ),
    ).toEqual(['psi', 'kl', 'js_distance', 'new_categories']);
  });
});

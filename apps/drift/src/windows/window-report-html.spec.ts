import type { ColumnVerdict } from '@tenantry/drift-core';
import type { ColumnReport, WindowReport } from './window-report';
import { windowReportHtml } from './window-report-html';

const hostile = '<script>alert("x")</script>';

function columnVerdict(
  column: string,
  status: ColumnVerdict['status'],
  effect: number,
): ColumnVerdict {
  return {
    column,
    kind: 'categorical',
    statistic: 'chi_square',
    value: status === 'drift' ? 0.0001 : 0.6,
    adjustedPValue: null,
    threshold: 0.05,
    effect,
    status,
    referenceCount: 100,
    currentCount: 100,
    newCategories: status === 'drift' ? [hostile] : [],
    approximate: false,
  };
}

function column(name: string, verdict: ColumnVerdict): ColumnReport {
  return {
    column: name,
    role: 'feature',
    kind: 'categorical',
    verdict,
    reference: { count: 100, missing: 0 },
    current: { count: 100, missing: 3 },
    histogram: {
      kind: 'categorical',
      categories: [
        {
          category: 'a',
          referenceCount: 100,
          currentCount: 50,
          referenceShare: 1,
          currentShare: 0.5,
          isNew: false,
        },
        {
          category: hostile,
          referenceCount: 0,
          currentCount: 50,
          referenceShare: 0,
          currentShare: 0.5,
          isNew: true,
        },
      ],
    },
    statistics: {
      kind: 'categorical',
      referenceCount: 100,
      currentCount: 100,
      categories: ['a', hostile],
      newCategories: [hostile],
      psi: 1,
      kl: 1,
      js: 0.5,
      chiSquare: null,
      z: null,
    },
  };
}

const report: WindowReport = {
  modelKey: 'churn',
  segment: `region=${hostile}`,
  windowIndex: 493_920,
  windowStart: new Date('2026-05-06T00:00:00Z'),
  windowEnd: new Date('2026-05-06T01:00:00Z'),
  referenceVersion: 2,
  closedAt: new Date('2026-05-06T01:00:01Z'),
  revisedAt: null,
  rows: { reference: 100, current: 103 },
  verdict: {
    features: [],
    prediction: null,
    performance: null,
    driftedShare: 0.5,
    datasetDrift: true,
    status: 'drift',
    severity: 'critical',
    topFeatures: [],
  },
  columns: [
    column('calm', columnVerdict('calm', 'no_drift', 0.01)),
    column('stormy', columnVerdict('stormy', 'drift', 0.4)),
  ],
};

describe('windowReportHtml', () => {
  const html = windowReportHtml(report);

  it('is one self-contained page: no script, no external asset', () => {
    expect(html.startsWith('<!DOCTYPE html>')).toBe(true);
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/\b(src|href)=/);
  });

  it('escapes every tenant string: segment, categories, new categories', () => {
    expect(html).toContain('region=&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;');
    expect(html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; (new)');
  });

  it('draws one SVG chart per column, drifting columns first', () => {
    expect(html.match(/<svg /g)).toHaveLength(2);
    expect(html.indexOf('<h2>stormy')).toBeLessThan(html.indexOf('<h2>calm'));
    expect(html.indexOf('<td>stormy</td>')).toBeLessThan(html.indexOf('<td>calm</td>'));
  });
});

describe('windowReportHtml of a window that could not be judged', () => {
  const html = windowReportHtml({
    ...report,
    verdict: { status: 'error', error: `the window has no column "${hostile}" of the model` },
    columns: [],
  });

  it('says why instead of a verdict, escaped, and draws no chart', () => {
    expect(html).toContain(
      'none: the window could not be judged (the window has no column &quot;&lt;script&gt;',
    );
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toContain('<svg ');
    expect(html).toContain('<dt>Severity</dt><dd>—</dd>');
  });
});

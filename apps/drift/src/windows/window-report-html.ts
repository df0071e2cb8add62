import { chartedCategories, histogramChart } from './histogram-chart';
import { escapeHtml } from './html-escape';
import { formatReportNumber } from './report-number';
import type { ColumnReport, WindowReport } from './window-report';

const statusOrder: Record<string, number> = { drift: 0, no_drift: 1, insufficient_data: 2 };

const style = `body{font-family:system-ui,sans-serif;margin:2rem;color:#222}
table{border-collapse:collapse;margin:1rem 0}th,td{border:1px solid #ccc;padding:.3rem .6rem;text-align:left}
.drift{color:#b00020;font-weight:600}.no_drift{color:#2e7d32}.insufficient_data{color:#777}
section{margin-top:2rem}dl{display:grid;grid-template-columns:max-content auto;gap:.2rem 1rem}dt{font-weight:600}`;

/**
 * The report of a window as one self-contained HTML page (no script, no external asset): the
 * window and its verdict, a table of the columns' verdicts and one inline SVG bar chart per
 * column, drifting columns first. Every tenant string is escaped.
 */
export function windowReportHtml(report: WindowReport): string {
  const columns = [...report.columns].sort(
    (a, b) => rank(a) - rank(b) || (b.verdict?.effect ?? 0) - (a.verdict?.effect ?? 0),
  );
  const title = `Drift report: ${report.modelKey}${report.segment === '' ? '' : ` / ${report.segment}`}, window ${report.windowIndex}`;
  return [
    '<!DOCTYPE html>',
    '<html lang="en"><head><meta charset="utf-8">',
    `<title>${escapeHtml(title)}</title>`,
    `<style>${style}</style></head><body>`,
    `<h1>${escapeHtml(title)}</h1>`,
    summary(report),
    verdictTable(columns),
    ...columns.map(columnSection),
    '</body></html>',
  ].join('\n');
}

function summary(report: WindowReport): string {
  const failed = report.verdict?.status === 'error' ? report.verdict : null;
  const verdict = report.verdict?.status === 'error' ? null : report.verdict;
  const rows: Array<[string, string]> = [
    ['Model', report.modelKey],
    ['Segment', report.segment === '' ? '(whole model)' : report.segment],
    ['Window', `${report.windowStart.toISOString()} – ${report.windowEnd.toISOString()}`],
    ['Reference version', String(report.referenceVersion)],
    ['Rows', `${report.rows.current} (reference ${report.rows.reference})`],
    [
      'Verdict',
      failed
        ? `none: the window could not be judged (${failed.error})`
        : verdict
          ? verdict.status
          : 'open (not judged yet)',
    ],
    ['Severity', verdict?.severity ?? '—'],
    ['Dataset drift', verdict ? String(verdict.datasetDrift) : '—'],
    ['Drifted share', formatReportNumber(verdict?.driftedShare ?? null)],
  ];
  if (verdict?.performance) {
    const performance = verdict.performance;
    rows.push([
      `Performance (${performance.metric})`,
      `${formatReportNumber(performance.current)} vs reference ${formatReportNumber(performance.reference)}: ${performance.status}`,
    ]);
  }
  return `<dl>${rows.map(([name, value]) => `<dt>${escapeHtml(name)}</dt><dd>${escapeHtml(value)}</dd>`).join('')}</dl>`;
}

function verdictTable(columns: ColumnReport[]): string {
  const header = [
    'Column',
    'Role',
    'Kind',
    'Statistic',
    'Value',
    'Threshold',
    'Effect',
    'Status',
    'New categories',
  ];
  const rows = columns.map((column) => {
    const verdict = column.verdict;
    const status = verdict?.status ?? 'open';
    return (
      '<tr>' +
      [
        escapeHtml(column.column),
        column.role,
        column.kind,
        verdict?.statistic ?? '—',
        formatReportNumber(verdict?.value ?? null),
        formatReportNumber(verdict?.threshold ?? null),
        formatReportNumber(verdict?.effect ?? null),
        `<span class="${status}">${status}</span>`,
        escapeHtml(verdict?.newCategories.join(', ') ?? ''),
      ]
        .map((cell) => `<td>${cell}</td>`)
        .join('') +
      '</tr>'
    );
  });
  return `<table><thead><tr>${header.map((name) => `<th>${name}</th>`).join('')}</tr></thead><tbody>${rows.join('')}</tbody></table>`;
}

function columnSection(column: ColumnReport): string {
  const hidden =
    column.histogram.kind === 'categorical'
      ? column.histogram.categories.length - chartedCategories
      : 0;
  return [
    `<section><h2>${escapeHtml(column.column)} <small>(${column.role}, ${column.kind})</small></h2>`,
    `<p>Current ${column.current.count} values, ${column.current.missing} missing; reference ${column.reference.count} values, ${column.reference.missing} missing.</p>`,
    histogramChart(column.column, column.histogram),
    hidden > 0 ? `<p>${hidden} more categories are not drawn.</p>` : '',
    '</section>',
  ].join('\n');
}

function rank(column: ColumnReport): number {
  return statusOrder[column.verdict?.status ?? ''] ?? 3;
}

import type { ColumnHistogram } from '@tenantry/drift-core';
import { escapeHtml } from './html-escape';
import { formatReportNumber } from './report-number';

/** Categories drawn per chart; the rest are counted under it. */
export const chartedCategories = 30;

const width = 720;
const height = 260;
const margin = { top: 16, right: 12, bottom: 70, left: 44 };
const referenceColour = '#4c78a8';
const currentColour = '#f58518';

/** One group of two bars: its label and both shares. */
interface BarGroup {
  label: string;
  referenceShare: number;
  currentShare: number;
}

/**
 * An inline SVG bar chart of a column: per bin (or category) the reference share and the current
 * share side by side, with the shares in tooltips. Every label is escaped.
 */
export function histogramChart(column: string, histogram: ColumnHistogram): string {
  const groups = barGroups(histogram);
  const plotWidth = width - margin.left - margin.right;
  const plotHeight = height - margin.top - margin.bottom;
  const top = Math.max(
    ...groups.flatMap((group) => [group.referenceShare, group.currentShare]),
    0.01,
  );
  const slot = plotWidth / Math.max(groups.length, 1);
  const bar = Math.max((slot * 0.8) / 2, 1);
  const y = (share: number) => margin.top + plotHeight - (share / top) * plotHeight;
  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" role="img" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">`,
    `<title>${escapeHtml(`${column}: reference vs current`)}</title>`,
    `<line x1="${margin.left}" y1="${margin.top + plotHeight}" x2="${width - margin.right}" y2="${margin.top + plotHeight}" stroke="#888"/>`,
    `<text x="${margin.left - 6}" y="${margin.top + 4}" text-anchor="end" font-size="10">${formatReportNumber(top)}</text>`,
    `<text x="${margin.left - 6}" y="${margin.top + plotHeight}" text-anchor="end" font-size="10">0</text>`,
  ];
  groups.forEach((group, index) => {
    const x = margin.left + index * slot + slot * 0.1;
    for (const [side, share, colour, offset] of [
      ['reference', group.referenceShare, referenceColour, 0],
      ['current', group.currentShare, currentColour, bar],
    ] as const) {
      parts.push(
        `<rect x="${round(x + offset)}" y="${round(y(share))}" width="${round(bar)}" height="${round(margin.top + plotHeight - y(share))}" fill="${colour}">` +
          `<title>${escapeHtml(`${group.label} ${side}: ${formatReportNumber(share)}`)}</title></rect>`,
      );
    }
    const labelX = round(x + bar);
    const labelY = margin.top + plotHeight + 12;
    parts.push(
      `<text x="${labelX}" y="${labelY}" font-size="10" text-anchor="end" transform="rotate(-35 ${labelX} ${labelY})">${escapeHtml(shortened(group.label))}</text>`,
    );
  });
  parts.push(
    `<rect x="${width - 190}" y="4" width="10" height="10" fill="${referenceColour}"/>`,
    `<text x="${width - 176}" y="13" font-size="11">reference</text>`,
    `<rect x="${width - 100}" y="4" width="10" height="10" fill="${currentColour}"/>`,
    `<text x="${width - 86}" y="13" font-size="11">current</text>`,
    '</svg>',
  );
  return parts.join('');
}

function barGroups(histogram: ColumnHistogram): BarGroup[] {
  if (histogram.kind === 'numeric') {
    return histogram.bins.map((bin) => ({
      label: `[${bin.lower === null ? '−∞' : formatReportNumber(bin.lower)}, ${bin.upper === null ? '∞' : formatReportNumber(bin.upper)})`,
      referenceShare: bin.referenceShare,
      currentShare: bin.currentShare,
    }));
  }
  return histogram.categories.slice(0, chartedCategories).map((category) => ({
    label: category.isNew ? `${category.category} (new)` : category.category,
    referenceShare: category.referenceShare,
    currentShare: category.currentShare,
  }));
}

function shortened(label: string): string {
  const characters = [...label];
  return characters.length > 18 ? `${characters.slice(0, 17).join('')}…` : label;
}

function round(value: number): number {
  return Math.round(value * 10) / 10;
}

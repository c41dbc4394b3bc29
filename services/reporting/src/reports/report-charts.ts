import * as echarts from 'echarts';
import type { components } from '@assay/api-types/reporting';
import { ReportData } from './report-data';

type TreeNode = components['schemas']['ScorecardNode'];

/**
 * The report's charts as SVG, rendered on the server by ECharts' SSR mode (no browser, no canvas):
 * a radar of the top-level nodes, the overall score's history and the roadmap's gaps. Animation
 * off and UTC time, and zrender's per-process element ids replaced by the chart's name, so the same
 * data gives the same bytes in any process.
 */
function svgOf(name: string, option: echarts.EChartsCoreOption, width: number, height: number): string {
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width, height });
  try {
    chart.setOption({ animation: false, useUTC: true, textStyle: { fontFamily: 'DejaVu Sans, Liberation Sans, sans-serif' }, ...option });
    return stableIds(chart.renderToSVGString(), name);
  } finally {
    chart.dispose();
  }
}

/**
 * zrender numbers its instances and the ids and classes it makes (zr3-c0, zr3-cls-12) with counters
 * that run for the whole process; renumbered per chart in order of appearance, they depend on the
 * chart alone.
 */
function stableIds(svg: string, name: string): string {
  const numbers = new Map<string, Map<string, number>>();
  return svg.replace(/zr\d+-([a-z]+-?)?(\d+)/g, (token, kind = '') => {
    const ofKind = numbers.get(kind) ?? new Map<string, number>();
    numbers.set(kind, ofKind);
    if (!ofKind.has(token)) ofKind.set(token, ofKind.size);
    return `${name}-${kind}${ofKind.get(token)}`;
  });
}

/** The nodes a radar shows: the top level, or the level under it when the top has fewer than three. */
function radarNodes(nodes: TreeNode[]): TreeNode[] {
  const inScope = (list: TreeNode[]) => list.filter((n) => !n.outOfScope);
  const top = inScope(nodes);
  return top.length >= 3 ? top : inScope(top.flatMap((n) => n.children));
}

export function radarChart(data: ReportData): string | null {
  const nodes = radarNodes(data.scorecard.claimed?.nodes ?? []);
  if (nodes.length < 3) return null;
  const assured = new Map<string, number | null>();
  const collect = (list: TreeNode[]) => list.forEach((n) => (assured.set(n.nodeId, n.score), collect(n.children)));
  collect(data.scorecard.assured?.nodes ?? []);
  const targets = new Map(data.roadmap.gaps.map((g) => [g.nodeId, g.target]));
  const { primary, accent } = data.branding.colours;
  const series: { name: string; value: number[]; itemStyle: { color: string }; lineStyle?: { type: string } }[] = [
    { name: 'Claimed', value: nodes.map((n) => n.score ?? n.min), itemStyle: { color: primary } },
    ...(data.scorecard.assured ? [{ name: 'Assured', value: nodes.map((n) => assured.get(n.nodeId) ?? n.min), itemStyle: { color: accent } }] : []),
    ...(nodes.every((n) => targets.has(n.nodeId)) ? [{ name: 'Target', value: nodes.map((n) => targets.get(n.nodeId)!), itemStyle: { color: '#888888' }, lineStyle: { type: 'dashed' } }] : []),
  ];
  return svgOf(
    'radar',
    {
      legend: { data: series.map((s) => s.name), bottom: 0 },
      radar: { indicator: nodes.map((n) => ({ name: n.name, min: n.min, max: n.max })), radius: '62%' },
      series: [{ type: 'radar', data: series }],
    },
    560,
    420,
  );
}

export function historyChart(data: ReportData): string | null {
  const line = (points: { at: string; score: number | null }[]) => points.map((p) => [p.at, p.score]);
  if (data.history.claimed.length === 0) return null;
  const { primary, accent } = data.branding.colours;
  const first = data.history.claimed[0];
  return svgOf(
    'history',
    {
      legend: { data: ['Claimed', 'Assured'], bottom: 0 },
      grid: { left: 48, right: 24, top: 24, bottom: 56 },
      xAxis: { type: 'time', max: data.asOf },
      yAxis: { type: 'value', min: first.min, max: first.max },
      series: [
        { type: 'line', name: 'Claimed', step: 'end', data: [...line(data.history.claimed), [data.asOf, data.history.claimed.at(-1)!.score]], itemStyle: { color: primary }, showSymbol: false },
        {
          type: 'line', name: 'Assured', step: 'end', itemStyle: { color: accent }, showSymbol: false,
          data: data.history.assured.length ? [...line(data.history.assured), [data.asOf, data.history.assured.at(-1)!.score]] : [],
        },
      ],
    },
    720,
    320,
  );
}

export function gapChart(data: ReportData): string | null {
  const items = data.roadmap.roadmap.slice(0, 10);
  if (items.length === 0) return null;
  const { primary, accent } = data.branding.colours;
  return svgOf(
    'gaps',
    {
      legend: { data: ['Gap to target', 'Without evidence'], bottom: 0 },
      grid: { left: 16, right: 24, top: 16, bottom: 48, containLabel: true },
      xAxis: { type: 'value' },
      yAxis: { type: 'category', inverse: true, data: items.map((i) => i.name) },
      series: [
        { type: 'bar', name: 'Gap to target', stack: 'gap', data: items.map((i) => i.gap), itemStyle: { color: primary } },
        { type: 'bar', name: 'Without evidence', stack: 'gap', data: items.map((i) => i.evidenceShortfall), itemStyle: { color: accent } },
      ],
    },
    720,
    Math.max(200, 60 + 32 * items.length),
  );
}

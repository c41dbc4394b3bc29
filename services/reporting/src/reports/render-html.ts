import { ReportData } from './report-data';
import { gapChart, historyChart, radarChart } from './report-charts';
import { nodeLines } from './report-rows';

const escape = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const figure = (value: number | null | undefined) => (value === null || value === undefined ? '–' : String(Math.round(value * 100) / 100));
const COLOUR = /^#[0-9a-fA-F]{6}$/;
const SAFE_LOGO = /^data:image\/(png|jpeg|svg\+xml);base64,[A-Za-z0-9+/=]+$/;

function section(id: string, title: string, body: string): string {
  return `<section id="${id}"><h2>${escape(title)}</h2>${body}</section>`;
}

function chart(name: string, svg: string | null, fallback: string): string {
  return svg ? `<figure class="chart" data-chart="${name}">${svg}</figure>` : `<p class="empty">${escape(fallback)}</p>`;
}

/**
 * The report as one self-contained page: inline styles, inline SVG charts, the logo as a data URI;
 * nothing fetched, so the file opens anywhere and prints the same. Every text from the data is
 * escaped (tenant-imported frameworks name their own nodes).
 */
export function renderHtml(data: ReportData): Buffer {
  const { branding, scorecard, roadmap } = data;
  const primary = COLOUR.test(branding.colours.primary) ? branding.colours.primary : '#1f3a5f';
  const accent = COLOUR.test(branding.colours.accent) ? branding.colours.accent : '#e07a1f';
  const logo = branding.logo && SAFE_LOGO.test(branding.logo) ? `<img class="logo" alt="" src="${branding.logo}">` : '';
  const claimed = scorecard.claimed?.overall;
  const assured = scorecard.assured?.overall;
  const lines = nodeLines(data);
  const rows = lines
    .map((l) => `<tr class="depth-${l.depth}"><td>${escape(l.nodeId)}</td><td style="padding-left:${0.4 + l.depth}em">${escape(l.name)}</td><td>${figure(l.claimed)}</td><td>${figure(l.assured)}</td><td>${figure(l.target)}</td><td>${figure(l.gap)}</td></tr>`)
    .join('');
  const roadmapRows = roadmap.roadmap
    .map((r) => `<tr${roadmap.focus.includes(r.nodeId) ? ' class="focus"' : ''}><td>${r.rank}</td><td>${escape(r.name)}</td><td>${figure(r.gap)}</td><td>${figure(r.evidenceShortfall)}</td><td>${escape(r.threats.join(', ') || '–')}</td><td>${figure(r.priority)}</td></tr>`)
    .join('');
  const trendRows = (data.trend?.claimed.periods ?? []).map((p, i) => `<tr><td>${escape(p.period)}</td><td>${figure(p.score)}</td><td>${figure(p.change)}</td><td>${figure(data.trend!.assured.periods[i]?.score)}</td></tr>`).join('');
  const pace = data.trend?.claimed;
  const paceText = !pace ? '' : pace.timeToTarget.status === 'on-pace' ? `target reached by ${pace.timeToTarget.reachedBy} at this pace` : pace.timeToTarget.status.replace(/-/g, ' ');
  const html = `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>${escape(data.title)}</title>
<style>
  @page { size: A4; margin: 16mm 14mm; }
  body { font-family: 'DejaVu Sans', 'Liberation Sans', sans-serif; color: #1b1b1b; margin: 0; font-size: 11pt; }
  header { display: flex; align-items: center; gap: 12px; border-bottom: 4px solid ${primary}; padding-bottom: 8px; }
  header .logo { height: 48px; }
  h1 { color: ${primary}; font-size: 18pt; margin: 0; }
  h2 { color: ${primary}; border-bottom: 1px solid ${accent}; padding-bottom: 2px; font-size: 13pt; }
  section { break-inside: avoid-page; margin-top: 14px; }
  section.tables { break-before: page; }
  .summary { display: flex; gap: 24px; } .summary div { border-left: 4px solid ${accent}; padding-left: 8px; }
  .summary strong { display: block; font-size: 16pt; }
  table { border-collapse: collapse; width: 100%; font-size: 9pt; } th, td { border-bottom: 1px solid #ddd; padding: 3px 6px; text-align: left; }
  th { background: ${primary}; color: #fff; } tr.depth-0 td { font-weight: bold; } tr.focus td { background: #fff4e8; }
  figure.chart { margin: 0; } .meta { color: #666; font-size: 8pt; }
</style></head>
<body>
<header>${logo}<div><h1>${escape(data.title)}</h1><div class="meta">As of ${escape(data.asOf)} · scoring model ${escape(scorecard.claimed?.scoringModelId ?? '–')} ${escape(scorecard.claimed?.scoringModelVersion ?? '')} · assessment ${escape(scorecard.assessmentId)}</div></div></header>
${section('summary', 'Summary', `<div class="summary"><div>Claimed<strong>${figure(claimed?.score)}</strong>of ${figure(claimed?.max)}</div><div>Assured<strong>${figure(assured?.score)}</strong>backed by verified evidence</div><div>Focus<strong>${roadmap.focus.length}</strong>${escape(roadmap.focus.join(', ') || 'no gaps to target')}</div><div>Pace<strong>${figure(pace?.velocity)}</strong>${escape(paceText)}</div></div>`)}
${section('radar', 'Maturity by area', chart('radar', radarChart(data), 'Fewer than three areas are scored.'))}
${section('history', 'Overall score over time', chart('history', historyChart(data), 'No score yet.'))}
${section('gaps', 'Largest gaps (roadmap)', chart('gaps', gapChart(data), 'No gaps to target.'))}
<section class="tables" id="scorecard"><h2>Scorecard</h2><table><thead><tr><th>Node</th><th>Name</th><th>Claimed</th><th>Assured</th><th>Target</th><th>Gap</th></tr></thead><tbody>${rows}</tbody></table></section>
${section('roadmap', 'Roadmap', `<table><thead><tr><th>#</th><th>Area</th><th>Gap</th><th>Without evidence</th><th>Threats</th><th>Priority</th></tr></thead><tbody>${roadmapRows}</tbody></table>`)}
${section('trend', 'Trend per quarter', `<table><thead><tr><th>Quarter</th><th>Claimed</th><th>Change</th><th>Assured</th></tr></thead><tbody>${trendRows}</tbody></table>`)}
<p class="meta">Built from the events of ${Object.keys(data.positions).length} streams up to ${escape(Object.entries(data.positions).map(([s, v]) => `${s}@${v}`).join(', '))}.</p>
</body></html>
`;
  return Buffer.from(html);
}

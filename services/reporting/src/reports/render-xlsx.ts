import ExcelJS from 'exceljs';
import { ReportData } from './report-data';
import { NODE_LINE_HEADERS, nodeLines } from './report-rows';

/** The scorecard, the roadmap and the overall history as sheets. */
export async function renderXlsx(data: ReportData): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = data.branding.name;
  workbook.created = new Date(data.asOf);
  workbook.modified = new Date(data.asOf);
  const fill = { type: 'pattern' as const, pattern: 'solid' as const, fgColor: { argb: `FF${data.branding.colours.primary.slice(1).toUpperCase()}` } };
  const header = (sheet: ExcelJS.Worksheet) => {
    sheet.getRow(1).font = { bold: true, color: { argb: 'FFFFFFFF' } };
    sheet.getRow(1).eachCell((cell) => (cell.fill = fill));
    sheet.views = [{ state: 'frozen', ySplit: 1 }];
  };

  const scorecard = workbook.addWorksheet('Scorecard');
  scorecard.columns = NODE_LINE_HEADERS.map(([key, title]) => ({ header: title, key, width: key === 'name' ? 40 : 14 }));
  for (const line of nodeLines(data)) scorecard.addRow({ ...line, name: `${'  '.repeat(line.depth)}${line.name}` });
  header(scorecard);

  const roadmap = workbook.addWorksheet('Roadmap');
  roadmap.columns = [
    { header: 'rank', key: 'rank', width: 8 }, { header: 'node_id', key: 'nodeId', width: 24 }, { header: 'name', key: 'name', width: 40 }, { header: 'target', key: 'target' },
    { header: 'claimed', key: 'claimed' }, { header: 'assured', key: 'assured' }, { header: 'gap', key: 'gap' }, { header: 'evidence_shortfall', key: 'evidenceShortfall', width: 18 },
    { header: 'threats', key: 'threats', width: 40 }, { header: 'priority', key: 'priority' }, { header: 'focus', key: 'focus' },
  ];
  for (const item of data.roadmap.roadmap) roadmap.addRow({ ...item, threats: item.threats.join(', '), focus: data.roadmap.focus.includes(item.nodeId) ? 'yes' : '' });
  header(roadmap);

  const history = workbook.addWorksheet('Score history');
  history.columns = [{ header: 'basis', key: 'basis' }, { header: 'at', key: 'at', width: 26 }, { header: 'score', key: 'score' }, { header: 'stream_version', key: 'streamVersion', width: 16 }];
  for (const basis of ['claimed', 'assured'] as const) for (const p of data.history[basis]) history.addRow({ basis, at: p.at, score: p.score, streamVersion: p.streamVersion });
  header(history);

  return Buffer.from(await workbook.xlsx.writeBuffer());
}

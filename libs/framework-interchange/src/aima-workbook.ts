import ExcelJS from 'exceljs';
import { ArchiveLimits, DEFAULT_ARCHIVE_LIMITS, inspectArchive } from '@assay/archive-guard';
import { AIMA_PRACTICES, AIMA_QUESTION_IDS, FrameworkDefinition, OWASP_AIMA_1_0, aimaQuestionIdsOf, findNode } from '@assay/frameworks';
import { aimaPracticeMaturity } from '@assay/scoring-models';

export const QUESTIONS_SHEET = 'Assessment Questions';
export const RESULTS_SHEET = 'Results';
const UNANSWERED = 'To evaluate';
const STREAM_CELL = /^(.+?)\s*-\s*Stream\s+([AB])\s*$/;

export interface WorkbookProblem {
  cell: string;
  message: string;
}

export class WorkbookImportError extends Error {
  constructor(readonly problems: WorkbookProblem[]) {
    super(`the workbook cannot be imported: ${problems.map((p) => `${p.cell}: ${p.message}`).join('; ')}`);
    this.name = 'WorkbookImportError';
  }
}

export interface ImportedWorkbook {
  /** Every one of the 144 questions; null = "To evaluate". */
  answers: Record<string, number | null>;
  /** Where each answer came from, for provenance. */
  cells: Record<string, string>;
}

const practiceByName = new Map(AIMA_PRACTICES.map((p) => [normalise(p.name), p]));

function normalise(name: string): string {
  return name.replace(/\s+/g, ' ').trim().toLowerCase();
}

/**
 * Reads the answers of a filled OWASP AIMA toolkit workbook (layout of the official v1.0.1 file:
 * sheet "Assessment Questions", column B "<practice> - Stream A|B", C the level, E the answer).
 * Rows are matched by practice name, stream and level, not by position, so reordered or restyled
 * copies import too. Every problem is collected and reported by cell; nothing is half-imported.
 */
export async function readAimaWorkbook(data: Buffer): Promise<ImportedWorkbook> {
  await refuseHostileArchive(data);
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(data as unknown as ArrayBuffer);
  } catch {
    throw new WorkbookImportError([{ cell: '-', message: 'not a readable .xlsx file' }]);
  }
  const sheet = workbook.getWorksheet(QUESTIONS_SHEET);
  if (!sheet) throw new WorkbookImportError([{ cell: '-', message: `no sheet named "${QUESTIONS_SHEET}"` }]);
  const answers: Record<string, number | null> = {};
  const cells: Record<string, string> = {};
  const problems: WorkbookProblem[] = [];
  sheet.eachRow((row, rowNumber) => {
    const stream = STREAM_CELL.exec(text(row.getCell(2).value));
    const level = row.getCell(3).value;
    if (!stream || ![1, 2, 3].includes(Number(level))) return;
    const practice = practiceByName.get(normalise(stream[1]));
    if (!practice) {
      problems.push({ cell: `B${rowNumber}`, message: `unknown practice "${stream[1].trim()}"` });
      return;
    }
    const questionId = `${practice.id}-${stream[2]}${Number(level)}`;
    const cell = `E${rowNumber}`;
    if (questionId in answers) {
      problems.push({ cell, message: `${questionId} appears twice (first at ${cells[questionId]})` });
      return;
    }
    const parsed = parseAnswer(row.getCell(5).value);
    if (parsed === 'invalid') {
      problems.push({ cell, message: `answer must be 0, 1, 2, 3 or "${UNANSWERED}"; found ${JSON.stringify(row.getCell(5).value)}` });
      return;
    }
    answers[questionId] = parsed;
    cells[questionId] = cell;
  });
  const missing = AIMA_QUESTION_IDS.filter((id) => !(id in answers) && !problems.length);
  if (missing.length) problems.push({ cell: '-', message: `questions missing from the sheet: ${missing.join(', ')}` });
  if (problems.length) throw new WorkbookImportError(problems);
  return { answers, cells };
}

/**
 * The toolkit workbook unpacks to 1.3 MB in 26 entries; 10 MB leaves room for heavily edited
 * copies while bounding what exceljs, which holds several copies of each entry as strings, costs.
 */
const WORKBOOK_LIMITS: ArchiveLimits = { ...DEFAULT_ARCHIVE_LIMITS, maxEntries: 500, maxInflatedBytes: 10 * 1024 * 1024 };

/**
 * exceljs (JSZip) inflates every entry in memory, so the bytes are inflated once first, counted and
 * dropped: a workbook that lies about its sizes, or unpacks past a workbook's size, never reaches
 * it. (Trusting the declared sizes let a 200 KB upload grow the assessment service by 290 MB.)
 */
async function refuseHostileArchive(data: Buffer): Promise<void> {
  const verdict = await inspectArchive(data, WORKBOOK_LIMITS);
  if (verdict.accepted) return;
  const message = verdict.reason === 'not-a-zip' ? 'not a readable .xlsx file' : `the archive is refused (${verdict.reason}): ${verdict.message}`;
  throw new WorkbookImportError([{ cell: '-', message }]);
}

function parseAnswer(value: ExcelJS.CellValue): number | null | 'invalid' {
  const resolved = value && typeof value === 'object' && 'result' in value ? (value as ExcelJS.CellFormulaValue).result : value;
  if (resolved === null || resolved === undefined || resolved === '') return null;
  if (typeof resolved === 'string') {
    if (resolved.trim() === UNANSWERED) return null;
    const n = Number(resolved.trim());
    return Number.isInteger(n) && n >= 0 && n <= 3 && resolved.trim() !== '' ? n : 'invalid';
  }
  return typeof resolved === 'number' && Number.isInteger(resolved) && resolved >= 0 && resolved <= 3 ? resolved : 'invalid';
}

function text(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'object' && 'richText' in value) return value.richText.map((r) => r.text).join('');
  return String(value);
}

/**
 * Writes answers in the toolkit's layout: per practice a title row, then streams A/B for levels
 * 1–3 with the answer in E and SUM(E..)/6 in F, and a Results sheet pointing at the F cells. The
 * question texts are Assay's (the official wording is not ours to redistribute).
 */
export async function writeAimaWorkbook(answers: Readonly<Record<string, number | null>>, definition: FrameworkDefinition = OWASP_AIMA_1_0): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Assay';
  const sheet = workbook.addWorksheet(QUESTIONS_SHEET);
  const results = workbook.addWorksheet(RESULTS_SHEET);
  sheet.getCell('A2').value = `${definition.name} ${definition.version} — exported by Assay`;
  sheet.getRow(5).values = ['PRACTICE AREA', 'STREAM', 'MATURITY LEVEL', 'QUESTIONS', 'ANSWERS', 'MATURITY'];
  results.getRow(3).values = [undefined, 'PRACTICE AREA', 'PRACTICES', 'MATURITY'] as ExcelJS.CellValue[];
  let row = 6;
  let resultRow = 4;
  for (const domain of definition.nodes) {
    for (const practice of domain.children ?? []) {
      sheet.getCell(`B${row}`).value = practice.name;
      row++;
      const first = row;
      const questionIds = aimaQuestionIdsOf(practice.id);
      for (const questionId of questionIds) {
        const [, stream, level] = /-([AB])([123])$/.exec(questionId)!;
        sheet.getRow(row).values = [domain.name, `${practice.name} - Stream ${stream}`, Number(level), findNode(definition, questionId)?.text ?? '', answers[questionId] ?? UNANSWERED];
        row++;
      }
      // The formula as the toolkit writes it, with its value cached for readers that do not recalculate.
      const maturity = aimaPracticeMaturity(questionIds.map((id) => answers[id] ?? null), practice.id);
      const formula = `SUM(E${first}:E${row - 1})/6`;
      for (let r = first; r < row; r++) sheet.getCell(`F${r}`).value = { formula, result: maturity };
      results.getRow(resultRow).values = [undefined, domain.name, practice.name, { formula: `'${QUESTIONS_SHEET}'!F${first}`, result: maturity }] as ExcelJS.CellValue[];
      resultRow++;
    }
    row++;
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

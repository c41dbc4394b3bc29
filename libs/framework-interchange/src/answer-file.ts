import { parse as parseCsv } from 'csv-parse/sync';
import { AnswerValue, FrameworkDefinition, answerableNodes, rejectAnswer } from '@assay/frameworks';

/** One bad row of an answer file, as a consultant fixes it: where, what was there, why not. */
export interface AnswerFileProblem {
  row: number;
  column: string;
  value: string;
  reason: string;
}

export class AnswerFileError extends Error {
  constructor(readonly problems: AnswerFileProblem[]) {
    super(`the answer file cannot be imported: ${problems.length} problem(s), first: row ${problems[0]?.row} ${problems[0]?.column}: ${problems[0]?.reason}`);
    this.name = 'AnswerFileError';
  }
}

export interface AnswerFile {
  answers: Record<string, AnswerValue>;
  notes: Record<string, string>;
}

interface Row {
  row: number;
  questionId: unknown;
  value: unknown;
  note?: unknown;
  /** CSV cells are text: the value is read on the item's own scale (numbers where the scale has numbers). */
  fromText: boolean;
}

/**
 * Filled questionnaires for any framework, in two documented forms (contracts/frameworks/README.md):
 * - CSV with the header `questionId,value[,note]`; an empty value is "to evaluate";
 * - JSON `{ "answers": [{ "questionId": "…", "value": …, "note": "…" }] }`.
 * Every row is checked against the definition before anything is accepted, and every bad row is
 * reported (row, column, value, reason): a file is imported whole or not at all.
 */
export function readAnswerFile(text: string, format: 'csv' | 'json', definition: FrameworkDefinition): AnswerFile {
  const rows = format === 'csv' ? csvRows(text) : jsonRows(text);
  const answerable = answerableNodes(definition);
  const problems: AnswerFileProblem[] = [];
  const answers: Record<string, AnswerValue> = {};
  const notes: Record<string, string> = {};
  const seen = new Map<string, number>();
  for (const r of rows) {
    const bad = (column: string, value: unknown, reason: string) => problems.push({ row: r.row, column, value: value === undefined ? '' : typeof value === 'string' ? value : JSON.stringify(value), reason });
    if (typeof r.questionId !== 'string' || !r.questionId) {
      bad('questionId', r.questionId, 'a question id is required');
      continue;
    }
    const entry = answerable.get(r.questionId);
    if (!entry) {
      bad('questionId', r.questionId, `not an answerable item of ${definition.id} ${definition.version}`);
      continue;
    }
    if (seen.has(r.questionId)) {
      bad('questionId', r.questionId, `answered twice (first on row ${seen.get(r.questionId)})`);
      continue;
    }
    seen.set(r.questionId, r.row);
    const value = r.fromText ? onScale(r.value as string, entry.scale.options.map((o) => o.value)) : r.value;
    if (value !== null && typeof value !== 'number' && typeof value !== 'string') {
      bad('value', r.value, 'must be a number, a code of the scale, or null');
      continue;
    }
    const rejection = rejectAnswer(definition, r.questionId, value);
    if (rejection) {
      bad('value', r.value, rejection.message.replace(`${r.questionId}: `, ''));
      continue;
    }
    if (r.note !== undefined && r.note !== '' && typeof r.note !== 'string') {
      bad('note', r.note, 'a note is text');
      continue;
    }
    answers[r.questionId] = value;
    if (typeof r.note === 'string' && r.note) notes[r.questionId] = r.note;
  }
  if (rows.length === 0) problems.push({ row: 0, column: '-', value: '', reason: 'the file holds no answers' });
  if (problems.length) throw new AnswerFileError(problems);
  return { answers, notes };
}

/** A CSV cell read on the item's scale: the number when the scale has that number, else the code; empty is null. */
function onScale(cell: string, options: (number | string)[]): AnswerValue {
  if (cell === '') return null;
  const number = Number(cell);
  if (cell.trim() !== '' && !Number.isNaN(number) && options.includes(number)) return number;
  return cell;
}

function csvRows(text: string): Row[] {
  let records: string[][];
  try {
    records = parseCsv(text, { bom: true, skip_empty_lines: true, trim: true, relax_column_count: true }); // bom: spreadsheets export one
  } catch (error) {
    throw new AnswerFileError([{ row: 0, column: '-', value: '', reason: `not valid CSV: ${(error as Error).message}` }]);
  }
  const [header, ...body] = records;
  const columns = (header ?? []).map((c) => c.trim());
  const missing = ['questionId', 'value'].filter((c) => !columns.includes(c));
  const unknown = columns.filter((c) => !['questionId', 'value', 'note'].includes(c));
  if (missing.length || unknown.length) {
    throw new AnswerFileError([{ row: 1, column: 'header', value: columns.join(','), reason: `the header must be questionId,value[,note]${missing.length ? `; missing ${missing.join(', ')}` : ''}${unknown.length ? `; unknown ${unknown.join(', ')}` : ''}` }]);
  }
  const at = (cells: string[], name: string) => cells[columns.indexOf(name)];
  return body.map((cells, i) => ({ row: i + 2, questionId: at(cells, 'questionId'), value: at(cells, 'value') ?? '', note: columns.includes('note') ? at(cells, 'note') : undefined, fromText: true }));
}

function jsonRows(text: string): Row[] {
  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch (error) {
    throw new AnswerFileError([{ row: 0, column: '-', value: '', reason: `not valid JSON: ${(error as Error).message}` }]);
  }
  const list = (document as { answers?: unknown })?.answers;
  if (!Array.isArray(list)) throw new AnswerFileError([{ row: 0, column: 'answers', value: '', reason: 'expected { "answers": [ { "questionId", "value", "note"? } ] }' }]);
  return list.map((item, i) => {
    const o = (item ?? {}) as Record<string, unknown>;
    return { row: i + 1, questionId: o.questionId, value: 'value' in o ? o.value : undefined, note: o.note, fromText: false };
  });
}

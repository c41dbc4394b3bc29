import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import ExcelJS from 'exceljs';
import { AIMA_PRACTICES } from '@assay/frameworks';
import { repoPath } from '@assay/postgres';

// An independent oracle for spreadsheet numbers: LibreOffice Calc (deploy/ensure-libreoffice.sh
// installs it) recalculates a workbook's own formulas, so the AIMA importer, exporter and scoring
// model are checked against a real spreadsheet engine, not against code of ours.

/** The official OWASP AIMA toolkit v1.0.1 (CC BY-SA 4.0), kept unchanged in ../shared as test data. */
export const AIMA_TOOLKIT_FIXTURE = repoPath('../shared/fixtures/owasp-aima/OWASP-AIMA-Toolkit_V1.0.1.xlsx');
export const AIMA_QUESTIONS_SHEET = 'Assessment Questions';
export const AIMA_RESULTS_SHEET = 'Results';
const STREAM_ROW = /^(.+?)\s*-\s*Stream\s+([AB])\s*$/;

/** One answer cell as a person fills it: 0–3 or the toolkit's "To evaluate". */
export type AimaFill = number | 'To evaluate';

/**
 * The official workbook with its 144 answer cells (column E of the rows "<practice> - Stream A|B",
 * level 1–3) filled in sheet order, cycling through `fills`.
 */
export async function fillOfficialAimaWorkbook(fills: readonly AimaFill[]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(AIMA_TOOLKIT_FIXTURE);
  let filled = 0;
  workbook.getWorksheet(AIMA_QUESTIONS_SHEET)!.eachRow((row) => {
    if (STREAM_ROW.test(String(row.getCell(2).value ?? '')) && [1, 2, 3].includes(Number(row.getCell(3).value))) {
      row.getCell(5).value = fills[filled++ % fills.length];
    }
  });
  if (filled !== 144) throw new Error(`expected 144 answer cells in the official workbook, found ${filled}`);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** Written over every cached formula result before LibreOffice sees a file: a figure still showing it was never recalculated. */
export const STALE_RESULT = -4242;

// Recalculate every formula on load (0 = always), whatever the file says about who wrote it:
// LibreOffice otherwise trusts the cached values of a file that claims to come from Excel, as
// exceljs's files do, and those caches are the code under test's own figures.
const RECALCULATE_ON_LOAD = `<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="ODFRecalcMode" oor:op="fuse"><value>0</value></prop></item>
</oor:items>
`;

async function withStaleResults(file: Buffer): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(file as unknown as ArrayBuffer);
  workbook.eachSheet((sheet) =>
    sheet.eachRow((row) =>
      row.eachCell((cell) => {
        if (cell.type === ExcelJS.ValueType.Formula) cell.value = { ...(cell.value as ExcelJS.CellFormulaValue), result: STALE_RESULT };
      }),
    ),
  );
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/**
 * Has LibreOffice Calc open each .xlsx, recalculate every formula and save it again as .xlsx, so
 * the cached values (exceljs: `cell.result`) are Calc's. All files go through one `soffice` call
 * with a fresh profile (a few seconds in all). Every cached result is first replaced with
 * STALE_RESULT, so a figure read back is Calc's own or visibly stale, never ours.
 */
export async function recalculateWithLibreOffice(files: readonly Buffer[]): Promise<ExcelJS.Workbook[]> {
  const dir = await mkdtemp(join(tmpdir(), 'assay-calc-'));
  try {
    const profile = join(dir, 'profile');
    await mkdir(join(profile, 'user'), { recursive: true });
    await writeFile(join(profile, 'user', 'registrymodifications.xcu'), RECALCULATE_ON_LOAD);
    const inputs = join(dir, 'in');
    const outputs = join(dir, 'out');
    await mkdir(inputs);
    await mkdir(outputs);
    const names = files.map((_, i) => `workbook-${i}.xlsx`);
    await Promise.all(files.map(async (file, i) => writeFile(join(inputs, names[i]), await withStaleResults(file))));
    const args = [`-env:UserInstallation=file://${profile}`, '--headless', '--norestore', '--nologo', '--calc', '--convert-to', 'xlsx', '--outdir', outputs, ...names.map((n) => join(inputs, n))];
    let output: { stdout: string; stderr: string };
    try {
      output = await promisify(execFile)('soffice', args, { timeout: 120_000 });
    } catch (error) {
      throw new Error(`LibreOffice could not recalculate the workbooks (is it installed? bash deploy/ensure-libreoffice.sh): ${(error as Error).message}`);
    }
    return Promise.all(
      names.map(async (name) => {
        const converted = await readFile(join(outputs, name)).catch(() => {
          throw new Error(`LibreOffice wrote no ${name}: ${output.stdout} ${output.stderr}`);
        });
        const workbook = new ExcelJS.Workbook();
        await workbook.xlsx.load(converted as unknown as ArrayBuffer);
        return workbook;
      }),
    );
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/**
 * Practice id → maturity as an AIMA toolkit workbook's own Results sheet shows it (column C the
 * practice name, D its maturity formula) once LibreOffice has recalculated it. Throws unless all
 * 24 practices are there, each a number Calc computed.
 */
export async function libreOfficeAimaMaturities(files: readonly Buffer[]): Promise<Record<string, number>[]> {
  const idByName = new Map(AIMA_PRACTICES.map((p) => [p.name.replace(/\s+/g, ' ').trim().toLowerCase(), p.id]));
  return (await recalculateWithLibreOffice(files)).map((workbook, i) => {
    const maturities: Record<string, number> = {};
    workbook.getWorksheet(AIMA_RESULTS_SHEET)!.eachRow((row, rowNumber) => {
      const id = idByName.get(String(row.getCell(3).value ?? '').replace(/\s+/g, ' ').trim().toLowerCase());
      const cell = row.getCell(4);
      if (!id || cell.type !== ExcelJS.ValueType.Formula) return;
      // cell.result, not cell.value.result: exceljs's value getter drops a result of 0.
      const result = cell.result;
      if (typeof result !== 'number' || result === STALE_RESULT) throw new Error(`workbook ${i}: Results!D${rowNumber} (${id}) was not recalculated: ${JSON.stringify(result)}`);
      if (id in maturities) throw new Error(`workbook ${i}: ${id} appears twice in the Results sheet`);
      maturities[id] = result;
    });
    if (Object.keys(maturities).length !== AIMA_PRACTICES.length) throw new Error(`workbook ${i}: the Results sheet shows ${Object.keys(maturities).length} practices, not ${AIMA_PRACTICES.length}`);
    return maturities;
  });
}

/**
 * Rounds each figure to 12 decimals: Calc stores 15 significant digits (5/6 → 0.833333333333333),
 * far finer than the 1/6 steps between AIMA maturities, so this compares them exactly.
 */
export function roundMaturities(maturities: Readonly<Record<string, number>>): Record<string, number> {
  return Object.fromEntries(Object.entries(maturities).map(([id, m]) => [id, Math.round(m * 1e12) / 1e12]));
}

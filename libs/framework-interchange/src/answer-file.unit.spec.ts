import { CMMI_AIM_STRUCTURE, CSA_AISMM_1_0, OWASP_AI_EXCHANGE } from '@assay/frameworks';
import { AnswerFileError, readAnswerFile } from './answer-file';

const problemsOf = (run: () => unknown) => {
  try {
    run();
  } catch (error) {
    if (error instanceof AnswerFileError) return error.problems;
    throw error;
  }
  throw new Error('accepted');
};

describe('answer files (CSV and JSON) for any framework', () => {
  it('reads CSV values on each item\'s scale: numbers, codes, empty as to evaluate, with notes', () => {
    const csv = 'questionId,value,note\nAISMM-FND-GOV,3,Board approved\nAISMM-FND-ORG,,\n';
    expect(readAnswerFile(csv, 'csv', CSA_AISMM_1_0)).toEqual({ answers: { 'AISMM-FND-GOV': 3, 'AISMM-FND-ORG': null }, notes: { 'AISMM-FND-GOV': 'Board approved' } });
    expect(readAnswerFile('questionId,value\nCMMI-DOING-CA1-PA1-L1.1,largely\n', 'csv', CMMI_AIM_STRUCTURE).answers).toEqual({ 'CMMI-DOING-CA1-PA1-L1.1': 'largely' });
    // A spreadsheet's CSV export starts with a byte-order mark.
    expect(readAnswerFile('\uFEFFquestionId,value\nAISMM-FND-GOV,2\n', 'csv', CSA_AISMM_1_0).answers).toEqual({ 'AISMM-FND-GOV': 2 });
  });

  it('reads JSON answers with their own types', () => {
    const json = JSON.stringify({ answers: [{ questionId: 'AIPROGRAM', value: 'implemented', note: 'Register since 2025' }, { questionId: 'SECPROGRAM', value: null }] });
    expect(readAnswerFile(json, 'json', OWASP_AI_EXCHANGE)).toEqual({ answers: { AIPROGRAM: 'implemented', SECPROGRAM: null }, notes: { AIPROGRAM: 'Register since 2025' } });
  });

  it('reports every bad row with row, column, value and reason, and accepts none of the file', () => {
    const csv = ['questionId,value', 'AISMM-FND-GOV,3', 'AISMM-FND-GOV,4', 'AISMM-NOPE,2', 'AISMM-STR-MOD,7', ',1', 'AISMM-PRC-IR,high'].join('\n');
    expect(problemsOf(() => readAnswerFile(csv, 'csv', CSA_AISMM_1_0))).toEqual([
      { row: 3, column: 'questionId', value: 'AISMM-FND-GOV', reason: 'answered twice (first on row 2)' },
      { row: 4, column: 'questionId', value: 'AISMM-NOPE', reason: 'not an answerable item of csa-aismm 1.0' },
      { row: 5, column: 'value', value: '7', reason: expect.stringContaining('answer must be one of 1, 2, 3, 4, 5') },
      { row: 6, column: 'questionId', value: '', reason: 'a question id is required' },
      { row: 7, column: 'value', value: 'high', reason: expect.stringContaining('got "high"') },
    ]);
    expect(problemsOf(() => readAnswerFile(JSON.stringify({ answers: [{ questionId: 'AIPROGRAM', value: true }] }), 'json', OWASP_AI_EXCHANGE))).toEqual([
      { row: 1, column: 'value', value: 'true', reason: 'must be a number, a code of the scale, or null' },
    ]);
  });

  it.each([
    ['a wrong header', 'question,answer\nx,1', 'csv', 'header'],
    ['broken JSON', '{"answers": [', 'json', '-'],
    ['JSON of another shape', '[1, 2]', 'json', 'answers'],
    ['an empty file', 'questionId,value\n', 'csv', '-'],
  ] as const)('refuses %s as a whole', (_, text, format, column) => {
    expect(problemsOf(() => readAnswerFile(text, format, CSA_AISMM_1_0))[0].column).toBe(column);
  });
});

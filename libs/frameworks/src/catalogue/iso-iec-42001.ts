import { FrameworkDefinition } from '../definition/framework-definition';
import { CONTROL_STATUS_SCALE } from './control-status-scale';

/**
 * ISO/IEC 42001:2023 by clause number: management-system clauses 4–10 and the Annex A control
 * objectives A.2–A.10, with their short titles only (the standard's text is licensed by ISO).
 * It is the hub other frameworks map to (catalogue/crosswalks.ts).
 */
const CLAUSES: [string, string][] = [
  ['4', 'Context of the organization'],
  ['5', 'Leadership'],
  ['6', 'Planning'],
  ['7', 'Support'],
  ['8', 'Operation'],
  ['9', 'Performance evaluation'],
  ['10', 'Improvement'],
];
const ANNEX_A: [string, string][] = [
  ['A.2', 'Policies related to AI'],
  ['A.3', 'Internal organization'],
  ['A.4', 'Resources for AI systems'],
  ['A.5', 'Assessing impacts of AI systems'],
  ['A.6', 'AI system life cycle'],
  ['A.7', 'Data for AI systems'],
  ['A.8', 'Information for interested parties of AI systems'],
  ['A.9', 'Use of AI systems'],
  ['A.10', 'Third-party and customer relationships'],
];

export const ISO_IEC_42001: FrameworkDefinition = {
  id: 'iso-iec-42001',
  version: '2023',
  name: 'ISO/IEC 42001 AI management system (clause structure)',
  publisher: 'ISO/IEC',
  licence: { spdx: 'LicenseRef-ISO', attribution: 'Clause numbers and short titles of ISO/IEC 42001:2023; the text is licensed by ISO and not shipped.', textOrigin: 'assay-authored' },
  scoringModel: { id: 'control-coverage', version: '1.0.0' },
  answerScales: [CONTROL_STATUS_SCALE],
  nodes: [
    { id: 'ISO42001-CLAUSES', kind: 'category', name: 'Management system clauses', children: CLAUSES.map(([id, name]) => ({ id, kind: 'control', name, answerScale: 'control-status' })) },
    { id: 'ISO42001-ANNEX-A', kind: 'category', name: 'Annex A control objectives', children: ANNEX_A.map(([id, name]) => ({ id, kind: 'control', name, answerScale: 'control-status' })) },
  ],
};

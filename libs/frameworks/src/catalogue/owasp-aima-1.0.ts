import { FrameworkDefinition, FrameworkNode } from '../definition/framework-definition';
import { AIMA_DOMAINS, AIMA_LEVELS, AIMA_STREAMS, OWASP_AIMA } from '../owasp-aima';

// Question texts are Assay's own: one per stream and level, from a level pattern applied to the
// stream's focus. The official workbook's wording is imported, never shipped (NOTICE.md).
const LEVEL_PATTERN: Record<number, (focus: string) => string> = {
  1: (focus) => `Is ${focus} carried out for AI systems at least informally or case by case?`,
  2: (focus) => `Is ${focus} defined, documented and applied consistently across AI systems?`,
  3: (focus) => `Is ${focus} measured, reviewed and continuously improved across the organisation?`,
};

const ANSWER_LABELS = ['No / not in place', 'Partially or occasionally', 'Largely and routinely', 'Fully, measured and improved'];

export const OWASP_AIMA_1_0: FrameworkDefinition = {
  id: OWASP_AIMA.id,
  version: OWASP_AIMA.version,
  name: 'OWASP AI Maturity Assessment',
  publisher: 'OWASP Foundation',
  description: 'Eight domains of three practices; each practice has streams A and B with one question per maturity level 1–3.',
  licence: {
    spdx: 'CC-BY-SA-4.0',
    attribution: 'Structure from the OWASP AI Maturity Assessment (AIMA) project, CC BY-SA 4.0. Stream names and question texts written by Assay.',
    textOrigin: 'assay-authored',
    url: 'https://owasp.org/www-project-ai-maturity-assessment/',
  },
  scoringModel: { id: 'owasp-aima-toolkit', version: '1.0.0' },
  levels: [
    { level: 1, name: 'Initial', description: 'Ad hoc, informal activity' },
    { level: 2, name: 'Defined', description: 'Documented and consistently applied' },
    { level: 3, name: 'Optimised', description: 'Measured and continuously improved' },
  ],
  answerScales: [
    {
      id: 'aima-0-3',
      kind: 'ordinal',
      unansweredLabel: 'To evaluate',
      options: ANSWER_LABELS.map((label, value) => ({ value, label, credit: value / 3 })),
    },
  ],
  nodes: AIMA_DOMAINS.map(
    (domain): FrameworkNode => ({
      id: domain.id,
      kind: 'domain',
      name: domain.name,
      children: domain.practices.map((practice) => ({
        id: practice.id,
        kind: 'practice',
        name: practice.name,
        children: AIMA_STREAMS.map((stream, s) => ({
          id: `${practice.id}-${stream}`,
          kind: 'stream',
          name: practice.streams[s],
          attributes: { stream },
          children: AIMA_LEVELS.map((level) => ({
            id: `${practice.id}-${stream}${level}`,
            kind: 'question',
            name: `${practice.streams[s]} — level ${level}`,
            text: LEVEL_PATTERN[level](practice.streams[s].toLowerCase()),
            level,
            answerScale: 'aima-0-3',
          })),
        })),
      })),
    }),
  ),
};

import { FrameworkDefinition, FrameworkNode } from '../definition/framework-definition';

/**
 * The shape of a CMMI AIM-style model with no proprietary text: categories → capability areas →
 * practice areas → practice groups (levels 1–3) → practices. Names are placeholders that a
 * licensee's import replaces (interchange/import-framework.ts); the scoring (characterisation →
 * capability level) and the profile (domain, usage scenario, building vs acquiring) are ours.
 */
const CATEGORIES = ['Doing', 'Managing', 'Enabling', 'Improving'];
const CAPABILITY_AREAS_PER_CATEGORY = 2;
const PRACTICE_AREAS_PER_CAPABILITY_AREA = 2;
const LEVELS = [1, 2, 3];

function practiceArea(id: string, n: number): FrameworkNode {
  return {
    id,
    kind: 'practice-area',
    name: `Practice area ${n} (licensee text)`,
    children: LEVELS.map((level) => ({
      id: `${id}-L${level}`,
      kind: 'practice-group',
      name: `Level ${level} practices`,
      level,
      children: [1, 2].map((p) => ({
        id: `${id}-L${level}.${p}`,
        kind: 'question',
        name: `Practice ${level}.${p} (licensee text)`,
        level,
        answerScale: 'cmmi-characterisation',
      })),
    })),
  };
}

export const CMMI_AIM_STRUCTURE: FrameworkDefinition = {
  id: 'cmmi-aim-structure',
  version: '1.0',
  name: 'CMMI AIM-shaped structure (content by licensee import)',
  publisher: 'Assay',
  licence: { spdx: 'LicenseRef-Assay', attribution: 'Structure only; CMMI content is proprietary and is loaded by a licensee.', textOrigin: 'assay-authored' },
  scoringModel: { id: 'cmmi-characterisation', version: '1.0.0' },
  answerScales: [
    {
      id: 'cmmi-characterisation',
      kind: 'characterisation',
      options: [
        { value: 'fully', label: 'Fully implemented', credit: 1 },
        { value: 'largely', label: 'Largely implemented', credit: 0.75 },
        { value: 'partially', label: 'Partially implemented', credit: 0.5 },
        { value: 'not', label: 'Not implemented', credit: 0 },
        { value: 'not-yet', label: 'Not yet', credit: 0 },
      ],
    },
  ],
  profileFields: [
    { field: 'domain', type: 'string', values: ['development', 'services', 'data', 'security', 'people', 'safety', 'suppliers', 'virtual'] },
    { field: 'usageScenario', type: 'string', values: ['support-augmentation', 'verified-augmentation', 'fully-autonomous'] },
    { field: 'sourcing', type: 'string', values: ['building', 'acquiring'] },
  ],
  nodes: [
    ...CATEGORIES.map(
      (category, c): FrameworkNode => ({
        id: `CMMI-${category.toUpperCase()}`,
        kind: 'category',
        name: category,
        children: Array.from({ length: CAPABILITY_AREAS_PER_CATEGORY }, (_, a) => {
          const areaId = `CMMI-${category.toUpperCase()}-CA${a + 1}`;
          return {
            id: areaId,
            kind: 'capability-area',
            name: `Capability area ${c * CAPABILITY_AREAS_PER_CATEGORY + a + 1} (licensee text)`,
            children: Array.from({ length: PRACTICE_AREAS_PER_CAPABILITY_AREA }, (_, p) => practiceArea(`${areaId}-PA${p + 1}`, p + 1)),
          };
        }),
      }),
    ),
    {
      id: 'CMMI-USAGE',
      kind: 'category',
      name: 'AI usage scenarios',
      children: [
        { id: 'support-augmentation', kind: 'usage-scenario', name: 'Support augmentation', text: 'AI suggests; a person decides and acts.' },
        { id: 'verified-augmentation', kind: 'usage-scenario', name: 'Verified augmentation', text: 'AI acts; a person verifies before effect.' },
        { id: 'fully-autonomous', kind: 'usage-scenario', name: 'Fully autonomous', text: 'AI decides and acts without a person in the loop.' },
      ],
    },
  ],
};

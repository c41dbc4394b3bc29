import { FrameworkDefinition } from '@assay/frameworks';

/**
 * A tenant's own framework in SAMM 2.0's shape (business functions → practices → streams A/B →
 * one question per level, answered 0 / 0.25 / 0.5 / 1), as a consultancy would import it. Used
 * where a spec needs a framework that does not ship with Assay.
 */
export function sammShapedDefinition(version = '1.0-acme'): FrameworkDefinition {
  const stream = (practice: string, s: 'A' | 'B') => ({
    id: `${practice}-${s}`,
    kind: 'stream' as const,
    name: `${practice} stream ${s}`,
    children: [1, 2, 3].map((level) => ({ id: `${practice}-${s}${level}`, kind: 'question' as const, name: `${practice} ${s} level ${level}`, level, answerScale: 'samm-answers' })),
  });
  const practice = (id: string) => ({ id, kind: 'practice' as const, name: `Practice ${id}`, children: [stream(id, 'A'), stream(id, 'B')] });
  return {
    id: 'acme-secure-ai-programme',
    version,
    name: 'Acme secure AI programme (SAMM-shaped)',
    publisher: 'Acme Corp',
    licence: { spdx: 'LicenseRef-Acme', attribution: 'Acme internal framework.', textOrigin: 'licensee-import' },
    scoringModel: { id: 'owasp-samm', version: '2.0.0' },
    answerScales: [
      {
        id: 'samm-answers',
        kind: 'ordinal',
        options: [
          { value: 0, label: 'No', credit: 0 },
          { value: 0.25, label: 'Yes, for some', credit: 0.25 },
          { value: 0.5, label: 'Yes, for at least half', credit: 0.5 },
          { value: 1, label: 'Yes, for most or all', credit: 1 },
        ],
      },
    ],
    nodes: [
      { id: 'GOV', kind: 'domain', name: 'Governance', children: [practice('SM'), practice('PC')] },
      { id: 'DES', kind: 'domain', name: 'Design', children: [practice('TA')] },
    ],
  };
}

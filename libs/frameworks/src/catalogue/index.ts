import { Crosswalk, FrameworkDefinition } from '../definition/framework-definition';
import { AI_RESOURCE_GUIDE } from './resource-guide';
import { CMMI_AIM_STRUCTURE } from './cmmi-aim-structure';
import { CSA_AISMM_1_0 } from './csa-aismm-1.0';
import { ISO_IEC_42001 } from './iso-iec-42001';
import { OWASP_AI_EXCHANGE } from './owasp-ai-exchange';
import { OWASP_AIMA_1_0 } from './owasp-aima-1.0';
import { SHIPPED_CROSSWALKS } from './crosswalks';
import { SCORING_RULES } from '../scoring/scoring-rules';

export { AI_RESOURCE_GUIDE, EVIDENCE_TYPE_IDS } from './resource-guide';
export { CMMI_AIM_STRUCTURE, CSA_AISMM_1_0, ISO_IEC_42001, OWASP_AI_EXCHANGE, OWASP_AIMA_1_0, SHIPPED_CROSSWALKS };

export const SHIPPED_FRAMEWORKS: readonly FrameworkDefinition[] = [
  OWASP_AIMA_1_0,
  CSA_AISMM_1_0,
  OWASP_AI_EXCHANGE,
  AI_RESOURCE_GUIDE,
  CMMI_AIM_STRUCTURE,
  ISO_IEC_42001,
];

/** Scoring models the platform runs (libs/scoring-models), as "id@version". */
export const KNOWN_SCORING_MODELS: readonly string[] = Object.keys(SCORING_RULES);

export function shippedFramework(id: string, version: string): FrameworkDefinition | undefined {
  return SHIPPED_FRAMEWORKS.find((f) => f.id === id && f.version === version);
}

export function shippedCrosswalk(id: string): Crosswalk | undefined {
  return SHIPPED_CROSSWALKS.find((c) => c.id === id);
}

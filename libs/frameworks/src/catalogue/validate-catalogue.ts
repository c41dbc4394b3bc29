import { Crosswalk, FrameworkDefinition } from '../definition/framework-definition';
import { validateCrosswalk, validateDefinition } from '../definition/validate-definition';
import { EVIDENCE_TYPE_IDS, KNOWN_SCORING_MODELS, SHIPPED_CROSSWALKS, SHIPPED_FRAMEWORKS } from './index';

/**
 * Validates the catalogue a service is about to serve, as an import would be validated: every
 * definition against the schema and its own rules (scales, profile fields, a scoring model the
 * platform runs), every crosswalk against the nodes on both sides. A service calls it while it
 * loads, so a broken catalogue stops the service instead of failing on a customer's answer.
 */
export function assertCatalogueValid(frameworks: readonly FrameworkDefinition[] = SHIPPED_FRAMEWORKS, crosswalks: readonly Crosswalk[] = SHIPPED_CROSSWALKS): { frameworks: number; crosswalks: number } {
  const context = { knownScoringModels: [...KNOWN_SCORING_MODELS], evidenceTypes: [...EVIDENCE_TYPE_IDS] };
  // Through JSON, as the schema sees a definition: no undefined fields, no functions.
  for (const definition of frameworks) validateDefinition(JSON.parse(JSON.stringify(definition)), context);
  for (const crosswalk of crosswalks) {
    const side = (ref: Crosswalk['source']) => frameworks.find((f) => f.id === ref.frameworkId && f.version === ref.version);
    validateCrosswalk(JSON.parse(JSON.stringify(crosswalk)), side(crosswalk.source), side(crosswalk.target));
  }
  return { frameworks: frameworks.length, crosswalks: crosswalks.length };
}

/** A Nest provider token whose factory is the check, so the module cannot initialise on a broken catalogue. */
export const VALIDATED_CATALOGUE = 'VALIDATED_CATALOGUE';
export const validatedCatalogueProvider = { provide: VALIDATED_CATALOGUE, useFactory: () => assertCatalogueValid() };

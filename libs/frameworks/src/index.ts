export * from './owasp-aima';
export * from './definition/framework-definition';
export * from './definition/definition-errors';
export * from './definition/validate-definition';
export * from './catalogue';
export * from './applicability/evaluate-condition';
export * from './applicability/ai-exchange-risk-analysis';
export * from './crosswalk/infer-across-crosswalks';
export * from './crosswalk/derive-in-other-frameworks';
export * from './scoring/answers';
export * from './scoring/node-score';
export * from './scoring/score-framework';
export * from './scoring/node-places';
export * from './catalogue/validate-catalogue';
export * from './applicability/scope-by-profile';
/** Raised by any scoring model for an input it cannot score; services meet models only through the definition. */
export { ScoringInputError } from '@assay/scoring-models';

export * from './owasp-aima';
export * from './definition/framework-definition';
export * from './definition/definition-errors';
export * from './definition/validate-definition';
export * from './catalogue';
export * from './applicability/evaluate-condition';
export * from './applicability/ai-exchange-risk-analysis';
export * from './crosswalk/infer-across-crosswalks';

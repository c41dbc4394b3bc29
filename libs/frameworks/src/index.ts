export * from './owasp-aima';
export * from './definition/framework-definition';
export * from './definition/definition-errors';
export * from './definition/validate-definition';
export * from './catalogue';

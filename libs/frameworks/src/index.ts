export * from './owasp-aima';

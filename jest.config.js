// Test tiers by suffix (emmett's convention): *.unit.spec.ts need no infrastructure;
// *.int.spec.ts use the real PostgreSQL and Kafka; *.e2e.spec.ts and *.fault.spec.ts start the
// built services as processes. `npm test` runs them all (deploy/test.sh).
const { readFileSync } = require('node:fs');

const swc = JSON.parse(readFileSync(`${__dirname}/.swcrc`, 'utf8'));
swc.jsc.baseUrl = __dirname; // @swc/jest needs an absolute baseUrl to rewrite the @assay/* paths
delete swc.$schema;
const transform = { '^.+\\.ts$': ['@swc/jest', { ...swc, swcrc: false }] };

const tier = (displayName, testMatch, extra = {}) => ({
  displayName,
  testMatch,
  transform,
  // ES-module-only packages, loaded through Node's own require (see the file mapped to).
  moduleNameMapper: { '^@platformatic/kafka$': '<rootDir>/test/support/jest/platformatic-kafka.js' },
  testEnvironment: 'node',
  roots: ['<rootDir>/services', '<rootDir>/libs', '<rootDir>/contracts', '<rootDir>/test', '<rootDir>/bench'],
  ...extra,
});

module.exports = {
  projects: [
    tier('unit', ['**/*.unit.spec.ts'], { setupFilesAfterEnv: ['<rootDir>/test/support/jest/timeout-unit.js'] }),
    tier('int', ['**/*.int.spec.ts'], { setupFilesAfterEnv: ['<rootDir>/test/support/jest/timeout-int.js'] }),
    tier('e2e', ['**/*.e2e.spec.ts'], { setupFilesAfterEnv: ['<rootDir>/test/support/jest/timeout-e2e.js'] }),
    tier('fault', ['**/*.fault.spec.ts'], { setupFilesAfterEnv: ['<rootDir>/test/support/jest/timeout-fault.js'] }),
  ],
};

// Architecture rules, checked on every test run (deploy/test.sh → npm run lint):
// - Nx module boundaries: a service never imports another service; libraries never import
//   services; contracts depend on nothing.
// - Domain purity: a service's domain/ folder (deciders, events, scoring formulas) imports only
//   the pure kernel and framework data, never a database, broker, web framework or platform lib.
const nx = require('@nx/eslint-plugin');
const tseslint = require('typescript-eslint');

const constraints = (specs) => [
  { sourceTag: 'type:service', onlyDependOnLibsWithTags: ['type:lib', 'type:contracts', ...specs] },
  { sourceTag: 'type:lib', onlyDependOnLibsWithTags: ['type:lib', 'type:contracts', ...specs] },
  { sourceTag: 'type:contracts', onlyDependOnLibsWithTags: ['type:contracts'] },
  { sourceTag: 'type:test', onlyDependOnLibsWithTags: ['type:lib', 'type:contracts', 'type:test'] },
  { sourceTag: 'type:tooling', onlyDependOnLibsWithTags: ['type:lib', 'type:contracts'] },
  { sourceTag: 'layer:domain', onlyDependOnLibsWithTags: ['layer:domain', ...specs] },
];
const boundaries = (specs) => ['error', { enforceBuildableLibDependency: false, allow: [], depConstraints: constraints(specs) }];

const INFRASTRUCTURE = ['pg', 'kafkajs', 'ioredis', 'bullmq', 'typeorm', 'express', '@nestjs/*', '@assay/postgres', '@assay/event-store', '@assay/messaging', '@assay/tenancy', '@assay/service-kit', '@assay/observability'];

module.exports = [
  { ignores: ['node_modules/**', 'dist/**', '.tools/**', '.infra/**', 'contracts/openapi/generated/**', '**/*.js', '**/*.mjs'] },
  {
    files: ['**/*.ts'],
    languageOptions: { parser: tseslint.parser },
    plugins: { '@nx': nx },
    rules: {
      '@nx/enforce-module-boundaries': boundaries([]),
    },
  },
  // Specs and a service's benchmarks may use the shared test support; production code may not.
  { files: ['**/*.spec.ts', '**/*.bench.ts'], rules: { '@nx/enforce-module-boundaries': boundaries(['type:test']) } },
  {
    files: ['services/*/src/domain/**/*.ts'],
    ignores: ['**/*.spec.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: INFRASTRUCTURE, message: 'Domain code stays pure: no infrastructure imports (STYLE.md, "What we take from them" 1).' }] },
      ],
    },
  },
];

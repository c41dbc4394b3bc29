import { CSA_AISMM_1_0 } from '@assay/frameworks';
import { deciderSpecification } from '@assay/testing';
import { AssessmentRuleError } from './assessment.errors';
import { frameworkVersionDecider } from './framework-version.decider';

const spec = deciderSpecification(frameworkVersionDecider);
const now = new Date('2026-11-21T09:00:00.000Z');
const definition = { ...CSA_AISMM_1_0, version: '1.0-acme' };

describe('framework version', () => {
  it('publishes a version once', () => {
    spec.given([]).when({ type: 'ImportFrameworkVersion', data: { definition, importedBy: 'u', now } }).then([
      { type: 'FrameworkVersionImported', data: { definition, importedBy: 'u', importedAt: now.toISOString() } },
    ]);
  });

  it('refuses to change a published version', () => {
    spec
      .given([{ type: 'FrameworkVersionImported', data: { definition, importedBy: 'u', importedAt: now.toISOString() } }])
      .when({ type: 'ImportFrameworkVersion', data: { definition: { ...definition, name: 'changed' }, importedBy: 'u', now } })
      .thenThrows(AssessmentRuleError, (e) => expect(e.code).toBe('already-published'));
  });
});

import { randomUUID } from 'node:crypto';
import { ContractViolationError, EventContractRegistry } from './contract-registry';

const registry = new EventContractRegistry();
const envelope = (data: Record<string, unknown>, overrides: Record<string, unknown> = {}) => ({
  id: randomUUID(),
  type: 'assessment.answer-recorded',
  schemaVersion: 1,
  tenantId: randomUUID(),
  streamId: 'assessment-1',
  streamVersion: 2,
  occurredAt: '2026-11-21T10:00:00.000Z',
  correlationId: 'c-1',
  causationId: 'c-1',
  data,
  ...overrides,
});
const answer = { assessmentId: randomUUID(), frameworkId: 'owasp-aima', frameworkVersion: '1.0', questionId: 'GOV-SM-A1', practiceId: 'GOV-SM', value: 2, recordedAt: '2026-11-21T10:00:00.000Z' };

describe('event contracts (contracts/events/*.schema.json)', () => {
  it('accepts an envelope and payload that match their schemas', () => {
    expect(registry.validate(envelope(answer)).type).toBe('assessment.answer-recorded');
  });

  it.each([
    ['a payload value off the scale', envelope({ ...answer, value: 4 }), /value/],
    ['a missing payload field', envelope({ ...answer, questionId: undefined }), /questionId/],
    ['an unknown envelope field', envelope(answer, { extra: 1 }), /additional/],
    ['a tenant that is not a uuid', envelope(answer, { tenantId: 'acme' }), /tenantId/],
    ['an unknown event version', envelope(answer, { schemaVersion: 9 }), /no schema/],
  ])('rejects %s, naming the problem', (_, candidate, problem) => {
    expect(() => registry.validate(JSON.parse(JSON.stringify(candidate)))).toThrow(ContractViolationError);
    expect(() => registry.validate(JSON.parse(JSON.stringify(candidate)))).toThrow(problem);
  });
});

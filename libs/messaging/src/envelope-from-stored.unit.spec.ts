import { randomUUID } from 'node:crypto';
import { StoredEvent } from '@assay/event-store';
import { EventContractRegistry } from './contract-registry';
import { derivedEventId, envelopeFrom } from './envelope-from-stored';

const stored = (metadata: StoredEvent['metadata']): StoredEvent => ({
  globalPosition: 41n,
  transactionId: 7n,
  eventId: randomUUID(),
  tenantId: randomUUID(),
  streamId: `assessment-${randomUUID()}`,
  streamVersion: 3,
  type: 'AnswerRecorded',
  schemaVersion: 1,
  data: {},
  metadata,
  occurredAt: new Date('2026-12-03T07:21:52.045Z'),
});

const answer = { assessmentId: randomUUID(), frameworkId: 'owasp-aima', frameworkVersion: '1.0', questionId: 'GOV-SM-A1', practiceId: 'GOV-SM', value: 2, recordedAt: '2026-12-03T07:21:52.045Z' };

describe('envelopeFrom', () => {
  const contracts = new EventContractRegistry();

  it("carries the stored event's identity, position, time and request ids, and passes its contract", () => {
    const traceparent = `00-${'a'.repeat(32)}-${'b'.repeat(16)}-01`;
    const event = stored({ correlationId: 'request-1', causationId: 'command-1', traceparent });
    const envelope = envelopeFrom(event, 'assessment.answer-recorded', answer);
    expect(envelope).toEqual({
      id: event.eventId,
      type: 'assessment.answer-recorded',
      schemaVersion: 1,
      tenantId: event.tenantId,
      streamId: event.streamId,
      streamVersion: 3,
      occurredAt: '2026-12-03T07:21:52.045Z',
      correlationId: 'request-1',
      causationId: 'command-1',
      traceparent,
      data: answer,
    });
    expect(() => contracts.validate(envelope)).not.toThrow();
  });

  it('names the event itself as correlation and cause when the request left none, and has no traceparent key without one', () => {
    const event = stored({});
    const envelope = envelopeFrom(event, 'assessment.answer-recorded', answer);
    expect([envelope.correlationId, envelope.causationId]).toEqual([event.eventId, event.eventId]);
    expect('traceparent' in envelope).toBe(false);
    expect(JSON.parse(JSON.stringify(envelope))).not.toHaveProperty('traceparent');
    expect(() => contracts.validate(envelope)).not.toThrow();
  });

  it('gives each part of one stored event its own id, the same on every translation', () => {
    const event = stored({});
    const first = envelopeFrom(event, 'assessment.answer-recorded', answer, 1, 'GOV-SM-A1');
    const again = envelopeFrom(event, 'assessment.answer-recorded', answer, 1, 'GOV-SM-A1');
    const other = envelopeFrom(event, 'assessment.answer-recorded', answer, 1, 'GOV-SM-A2');
    expect(first.id).toBe(again.id);
    expect(first.id).toBe(derivedEventId(event.eventId, 'GOV-SM-A1'));
    expect(new Set([first.id, other.id, event.eventId]).size).toBe(3);
    expect(first.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });
});

import { EventContractRegistry } from './contract-registry';
import { IntegrationHandlers, routeMessage } from './consumer-routing';
import { Headers } from './message-headers';

const contracts = new EventContractRegistry();
const handlers: IntegrationHandlers = { 'assessment.started': { 1: async () => undefined } };

describe('routing a consumed message', () => {
  it('skips a type it does not handle by its event-type header, without reading the body', () => {
    const route = routeMessage({ value: 'not json', headers: { [Headers.eventType]: 'assessment.answer-recorded' } }, 'reporting', handlers, contracts);
    expect(route).toEqual({ kind: 'skip', reason: 'unhandled-type' });
  });

  it('still treats a body that is not JSON as poison when the header names a handled type', () => {
    const route = routeMessage({ value: 'not json', headers: { [Headers.eventType]: 'assessment.started' } }, 'reporting', handlers, contracts);
    expect(route).toMatchObject({ kind: 'dead-letter', errorKind: 'unparseable' });
  });

  it('reads the type from the body when no header names it', () => {
    const route = routeMessage({ value: JSON.stringify({ type: 'assessment.answer-recorded', schemaVersion: 1 }), headers: {} }, 'reporting', handlers, contracts);
    expect(route).toEqual({ kind: 'skip', reason: 'unhandled-type' });
  });
});

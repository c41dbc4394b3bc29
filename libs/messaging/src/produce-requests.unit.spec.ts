import { OutboundMessage } from './message-publisher';
import { produceRequests } from './produce-requests';

const message = (seq: number, bytes: number): OutboundMessage => ({ key: 'tenant', value: 'v'.repeat(bytes), headers: { seq: String(seq) } });

describe('cutting a publish into produce requests', () => {
  it('keeps every request under the bound and every message in its order', () => {
    const messages = Array.from({ length: 100 }, (_, i) => message(i, 900 + (i % 7) * 100));
    const requests = produceRequests(messages, 10_000);
    expect(requests.length).toBeGreaterThan(10);
    for (const request of requests) expect(request.reduce((sum, m) => sum + m.value.length, 0)).toBeLessThanOrEqual(10_000);
    expect(requests.flat()).toEqual(messages);
  });

  it('sends a message heavier than the bound alone, between its neighbours', () => {
    const requests = produceRequests([message(0, 100), message(1, 50_000), message(2, 100)], 10_000);
    expect(requests.map((r) => r.map((m) => m.headers?.seq))).toEqual([['0'], ['1'], ['2']]);
  });

  it('leaves a small publish as one request', () => {
    expect(produceRequests([message(0, 10), message(1, 10)])).toHaveLength(1);
  });
});

// kafkajs' request queue, reached by path: the patched method is not part of its public API.
const RequestQueue = require('kafkajs/src/network/requestQueue');
import { testKafka } from '@assay/testing';

/**
 * kafkajs 2.2.4 rearms a 1 ms timer forever on each broker connection once a response arrived
 * with nothing queued (tulios/kafkajs#1704): a busy event loop in every process holding a kafkajs
 * client, idle or not. patches/kafkajs+2.2.4.patch stops it; this holds the patch in place.
 */
describe('an idle kafkajs connection (real Kafka)', () => {
  it('checks its request queue no more after the last response, instead of every millisecond', async () => {
    const admin = testKafka('assay-idle-connection').admin();
    const checks = jest.spyOn(RequestQueue.prototype, 'checkPendingRequests');
    try {
      await admin.connect();
      await admin.listTopics(); // a response on a connection: where the loop started
      await new Promise((resolve) => setTimeout(resolve, 50)); // any throttle check still due runs
      checks.mockClear();
      await new Promise((resolve) => setTimeout(resolve, 500));
      // Unpatched: one check per millisecond per connection, hundreds here.
      expect(checks.mock.calls.length).toBeLessThan(5);
      // And a request sent after the idle spell is still answered.
      expect(Array.isArray(await admin.listTopics())).toBe(true);
    } finally {
      checks.mockRestore();
      await admin.disconnect();
    }
  });
});

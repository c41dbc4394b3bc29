import { OutboundMessage } from './message-publisher';

/**
 * The broker refuses a record batch larger than its message.max.bytes (1 MiB by default), and both
 * clients put everything one request carries for a partition into one batch. Every message of a
 * tenant shares a partition, so a relay catching up on 500 score events of one tenant (up to 40 kB
 * each) sent one batch of several MiB, was refused (MESSAGE_TOO_LARGE) and retried the same batch
 * forever. Half the default leaves room for the batch's own framing and for brokers set lower.
 */
export const MAX_REQUEST_BYTES = 512 * 1024;

/** What a message weighs in a record batch, near enough: key, value, headers, per-record framing. */
const RECORD_OVERHEAD_BYTES = 32;
function recordBytes(message: OutboundMessage): number {
  let bytes = RECORD_OVERHEAD_BYTES + Buffer.byteLength(message.key) + Buffer.byteLength(message.value);
  for (const [name, value] of Object.entries(message.headers ?? {})) bytes += Buffer.byteLength(name) + Buffer.byteLength(value) + 2;
  return bytes;
}

/**
 * Messages in order, cut into consecutive requests of at most `maxBytes` each (a message heavier
 * than that goes alone: the broker is the judge of whether it fits). Sent one after another, the
 * requests keep each key's order.
 */
export function produceRequests(messages: OutboundMessage[], maxBytes = MAX_REQUEST_BYTES): OutboundMessage[][] {
  const requests: OutboundMessage[][] = [];
  let current: OutboundMessage[] = [];
  let currentBytes = 0;
  for (const message of messages) {
    const bytes = recordBytes(message);
    if (current.length > 0 && currentBytes + bytes > maxBytes) {
      requests.push(current);
      current = [];
      currentBytes = 0;
    }
    current.push(message);
    currentBytes += bytes;
  }
  if (current.length > 0) requests.push(current);
  return requests;
}

// @platformatic/kafka is ES-module-only and Jest's CommonJS runtime cannot require it without
// --experimental-vm-modules: the spec takes it from Node's own loader, as production code gets it.
jest.mock('@platformatic/kafka', () =>
  (require('node:module') as { Module: { _load(request: string, parent: null, isMain: boolean): unknown } }).Module._load(require.resolve('@platformatic/kafka'), null, false),
);

import { randomUUID } from 'node:crypto';
import { MessageToProduce, Partitioner, defaultPartitioner, murmur2 } from '@platformatic/kafka';
import { Partitioners } from 'kafkajs';
import { kafkajsCompatiblePartitioner } from './kafkajs-compatible-partitioner';

const PARTITION_COUNTS = [1, 3, 6, 12];

/** kafkajs 2.x's own default partitioner, called as its producer calls it. */
function kafkajsPartition(key: string, partitionCount: number): number {
  const partitioner = Partitioners.DefaultPartitioner();
  const partitionMetadata = Array.from({ length: partitionCount }, (_, partitionId) => ({ partitionId, leader: 0, partitionErrorCode: 0, replicas: [0], isr: [0] }));
  return partitioner({ topic: 'tenants', partitionMetadata, message: { key, value: null } });
}

type Message = MessageToProduce<string, string, string, string>;
const message = (key: string): Message => ({ topic: 'tenants', key, value: '{}' });

/** platformatic's producer takes the partitioner's result modulo the topic's partition count. */
function platformaticPartition(partitioner: Partitioner<string, string, string, string>, key: string, partitionCount: number, keyAsBufferOnly = false): number {
  const m = keyAsBufferOnly ? { ...message(key), key: undefined } : message(key);
  return partitioner(m, Buffer.from(key, 'utf8'), { metadata: undefined }) % partitionCount;
}

// Odd lengths and multi-byte characters reach murmur2's tail cases and the UTF-8 encoding.
const EDGE_KEYS = ['', 'a', 'ab', 'abc', 'abcd', 'tenant-ü-🚀', '租户', 'x'.repeat(101)];
const RANDOM_TENANTS = Array.from({ length: 3_000 }, () => randomUUID());

describe('kafkajsCompatiblePartitioner (for @platformatic/kafka)', () => {
  const partitioner = kafkajsCompatiblePartitioner(murmur2);

  it('puts fixed tenant ids on the partitions kafkajs 2.x puts them on (pinned, so both libraries cannot drift together)', () => {
    const table: Record<string, number[]> = {
      '3f0c1a4e-9f2b-4c1d-8e7a-5b6c7d8e9f01': [0, 2, 5, 5],
      'a1b2c3d4-e5f6-4789-abcd-ef0123456789': [0, 2, 2, 8],
      '00000000-0000-0000-0000-000000000000': [0, 0, 3, 9],
      'tenant-ü-🚀': [0, 1, 1, 7],
      '': [0, 0, 3, 9],
    };
    for (const [key, expected] of Object.entries(table)) {
      expect(PARTITION_COUNTS.map((n) => kafkajsPartition(key, n))).toEqual(expected);
      expect(PARTITION_COUNTS.map((n) => platformaticPartition(partitioner, key, n))).toEqual(expected);
    }
  });

  it.each(PARTITION_COUNTS)('agrees with kafkajs for 3,000 random tenant ids and edge-case keys on %i partitions', (partitionCount) => {
    const keys = [...EDGE_KEYS, ...RANDOM_TENANTS];
    const mismatches = keys.filter((key) => platformaticPartition(partitioner, key, partitionCount) !== kafkajsPartition(key, partitionCount));
    expect(mismatches).toEqual([]);
    // The same from the serialized key alone (a message whose key is not a string), and on a second, cached, call.
    expect(keys.filter((key) => platformaticPartition(partitioner, key, partitionCount, true) !== kafkajsPartition(key, partitionCount))).toEqual([]);
    expect(keys.filter((key) => platformaticPartition(partitioner, key, partitionCount) !== kafkajsPartition(key, partitionCount))).toEqual([]);
  });

  it("is needed: platformatic's default partitioner moves about half the tenants unless the partition count is a power of two", () => {
    const moved = (partitionCount: number) =>
      RANDOM_TENANTS.filter((key) => platformaticPartition(defaultPartitioner, key, partitionCount) !== kafkajsPartition(key, partitionCount)).length / RANDOM_TENANTS.length;
    // murmur2 >>> 0 and murmur2 & 0x7fffffff differ by 2^31 for negative hashes: invisible modulo a power of two.
    expect(moved(1)).toBe(0);
    expect(moved(4)).toBe(0);
    for (const partitionCount of [3, 6, 12]) {
      expect(moved(partitionCount)).toBeGreaterThan(0.4);
      expect(moved(partitionCount)).toBeLessThan(0.6);
    }
  });
});

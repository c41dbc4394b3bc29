import type { Partitioner, murmur2 as platformaticMurmur2 } from '@platformatic/kafka';

/**
 * The partitioner that keeps a tenant on the partition kafkajs 2.x put it on, for the
 * `@platformatic/kafka` producer. kafkajs' DefaultPartitioner (the Java client's, made the default in
 * kafkajs 2.0) returns `toPositive(murmur2(utf8(key))) % partitionCount` with
 * `toPositive(x) = x & 0x7fffffff`; platformatic's producer takes a partitioner's result modulo the
 * partition count itself, so this returns `murmur2(key) & 0x7fffffff`.
 *
 * platformatic's own defaultPartitioner is NOT compatible: it returns `murmur2(key) >>> 0` (the
 * unsigned value), which differs from `& 0x7fffffff` for every negative hash — about half of all
 * keys move unless the partition count is a power of two (the spec proves both statements).
 *
 * murmur2 is platformatic's own (a port of the Java client's Utils.murmur2, the same function
 * kafkajs ports); string keys are hashed from their UTF-8 bytes — what both clients send — through
 * its LRU cache, since a service produces for a bounded set of tenant ids. It is passed in rather
 * than imported because the package is ES-module-only and loaded only when chosen
 * (platformatic-message-publisher.ts).
 */
export function kafkajsCompatiblePartitioner(murmur2: typeof platformaticMurmur2): Partitioner<string, string, string, string> {
  let roundRobin = 0;
  return (message, key) => {
    if (typeof message.key === 'string') return murmur2(message.key, true) & 0x7fffffff;
    if (key !== undefined) return murmur2(key) & 0x7fffffff;
    // kafkajs spreads keyless messages round-robin as well (from a random start).
    return roundRobin++ & 0x7fffffff;
  };
}

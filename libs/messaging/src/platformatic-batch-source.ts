import type * as PlatformaticKafka from '@platformatic/kafka';
import { Logger } from '@assay/observability';
import { BatchHandler, BatchSourceOptions, ConsumedMessage, PartitionBatchSource } from './batch-consumption';
import { backoffMs } from './error-text';
import { PartitionBatchScheduler } from './partition-batch-scheduler';
import { loadPlatformaticKafka } from './platformatic-message-publisher';

type StringConsumer = PlatformaticKafka.Consumer<string, string, string, string>;
type StringStream = PlatformaticKafka.MessagesStream<string, string, string, string>;
type StringMessage = PlatformaticKafka.Message<string, string, string, string>;

export interface PlatformaticBatchSourceOptions extends BatchSourceOptions {
  brokers: string[];
  clientId: string;
  logger: Logger;
  /** Messages fetched and not yet in a batch beyond which fetching pauses (the stream does not). */
  maxBufferedMessages?: number;
}

/** A fetched message and how to commit past it (the stream commits offset + 1, as Kafka expects). */
interface Fetched {
  topic: string;
  partition: number;
  message: ConsumedMessage;
  commit: () => Promise<void>;
}

/** A batch was cut short by a stop or a rebalance: expected, and its rest is redelivered. */
class BatchNoLongerActive extends Error {}

/** How long recovery or stop() waits for one offset commit (longer than a rejoin normally takes). */
const COMMIT_SETTLE_MS = 30_000;

/**
 * PartitionBatchSource on `@platformatic/kafka`. The library hands out one message stream for all
 * assigned partitions; PartitionBatchScheduler cuts it into per-partition batches. Mapping of the
 * guarantees:
 * - start at the earliest message when the group has committed nothing: mode "committed" with
 *   fallbackMode "earliest" (kafkajs' fromBeginning);
 * - commit only what was marked processed: autocommit off, and the marked message's own commit(),
 *   which commits offset + 1 through the stream's single-flight, never-backwards commit queue;
 * - the library heartbeats on its own timer, so a long batch never starves the membership;
 * - a rebalance, a failed batch or a failed stream ends the current stream: its queued messages are
 *   dropped, running batches stop at their next check (isActive), their marked offsets are committed,
 *   and a new stream reads from the group's committed offsets. Starting over from the broker's
 *   offsets instead of patching the old stream's positions is what keeps a partition in offset
 *   order: a fetch still in flight on the old stream can never slip a later offset in first.
 * - a failed consumer (a join that gave up) is replaced by a new one.
 */
export class PlatformaticBatchSource implements PartitionBatchSource {
  private consumer: StringConsumer | undefined;
  /** The stream whose messages are accepted; undefined while recovering. */
  private stream: StringStream | undefined;
  private readonly retired = new Set<StringStream>();
  private readonly scheduler: PartitionBatchScheduler<Fetched>;
  /** Offset commits not yet settled, each with a way to stop waiting for it. */
  private readonly commits = new Map<Promise<void>, () => void>();
  /** Bumped whenever running batches must stop (they compare it with the value they started with). */
  private generation = 0;
  private stopping = false;
  private onBatch: BatchHandler = async () => undefined;
  private recovering: Promise<void> | undefined;
  private recoverAgain = false;
  private replaceConsumer = false;
  private failures = 0;
  private readonly wakers = new Set<() => void>();

  constructor(private readonly options: PlatformaticBatchSourceOptions) {
    this.scheduler = new PartitionBatchScheduler<Fetched>({
      concurrency: options.partitionConcurrency,
      maxBatch: this.maxBuffered,
      run: (_, items) => this.runBatch(items),
    });
  }

  private get maxBuffered(): number {
    return this.options.maxBufferedMessages ?? 5_000;
  }

  async start(onBatch: BatchHandler): Promise<void> {
    this.onBatch = onBatch;
    this.stopping = false;
    try {
      await this.openStream();
    } catch (error) {
      await this.closeConsumer();
      throw error;
    }
  }

  async stop(): Promise<void> {
    this.stopping = true;
    for (const wake of this.wakers) wake();
    this.endStream();
    await this.recovering;
    await this.scheduler.idle();
    await this.settleCommits();
    await this.closeRetired();
    await this.closeConsumer(); // leaves the group, so that a successor is assigned at once
  }

  private async runBatch(items: Fetched[]): Promise<void> {
    if (this.scheduler.buffered < this.maxBuffered / 2) this.stream?.resume();
    const generation = this.generation;
    const { topic, partition } = items[0];
    const commits = new Map(items.map((item) => [item.message.offset, item.commit]));
    const isActive = () => !this.stopping && this.generation === generation;
    try {
      await this.onBatch(
        { topic, partition, messages: items.map((item) => item.message) },
        {
          isActive,
          heartbeat: async () => {
            if (!isActive()) throw new BatchNoLongerActive(`batch of ${topic}[${partition}] is no longer active`);
          },
          markProcessed: (offset) => this.commit(topic, partition, offset, commits.get(offset)),
        },
      );
      this.failures = 0;
    } catch (error) {
      if (!isActive()) return; // stopping or rebalanced: the rest is redelivered from the committed offset
      this.failures++;
      this.options.logger.error({ err: error, topic, partition }, 'batch failed; consumption restarts from the committed offsets');
      this.recover('a batch failed', { delayMs: backoffMs(this.failures, 500, 10_000) });
    }
  }

  private commit(topic: string, partition: number, offset: string, commit: (() => Promise<void>) | undefined): void {
    if (!commit) throw new Error(`offset ${offset} is not in the batch of ${topic}[${partition}]`);
    // A partition known to be revoked is left alone: its new owner resumes from the group's
    // committed offset. (A commit queued during a rejoin may still land after the partition moved
    // and set the new owner back: redelivery, which the inbox absorbs, never a loss.)
    if (!this.owns(topic, partition)) return;
    const { logger } = this.options;
    // The library holds a commit made while the member rejoins until the join completes; if the
    // rejoin fails for good, it never settles. Recovery and stop() wait for commits, so each is
    // waited for at most COMMIT_SETTLE_MS, or not at all once the consumer failed. Giving up on a
    // commit only means its messages are redelivered; if it lands later it still names a message
    // that was processed.
    let abandon: () => void = () => undefined;
    const abandoned = new Promise<void>((resolve) => (abandon = resolve));
    const timer = setTimeout(() => {
      logger.warn({ topic, partition, offset }, 'offset commit did not settle in time; waiting no longer (redelivered unless a later commit covers it)');
      abandon();
    }, COMMIT_SETTLE_MS);
    const settled = commit().catch((error) => logger.warn({ err: error, topic, partition, offset }, 'offset commit failed; the message will be redelivered unless a later commit covers it'));
    const pending: Promise<void> = Promise.race([settled, abandoned]).finally(() => {
      clearTimeout(timer);
      this.commits.delete(pending);
    });
    this.commits.set(pending, abandon);
  }

  /** Stops waiting for every pending commit (the consumer that would flush them failed). */
  private abandonCommits(): void {
    for (const abandon of this.commits.values()) abandon();
  }

  private owns(topic: string, partition: number): boolean {
    return this.consumer?.assignments?.some((a) => a.topic === topic && a.partitions.includes(partition)) ?? false;
  }

  private async openStream(): Promise<void> {
    if (!this.consumer || this.consumer.closed || this.replaceConsumer) {
      await this.closeConsumer();
      this.consumer = this.createConsumer();
      this.replaceConsumer = false;
    }
    const stream = await this.consumer.consume({ topics: this.options.topics, mode: 'committed', fallbackMode: 'earliest' });
    stream.on('error', (error) => {
      if (stream === this.stream) this.recover('the message stream failed', { error, delayMs: 1_000 });
      else this.options.logger.debug({ err: error }, 'a retired message stream failed');
    });
    stream.on('close', () => {
      this.retired.delete(stream);
      if (stream === this.stream) this.recover('the message stream ended', { delayMs: 1_000 });
    });
    if (this.stopping) {
      this.retired.add(stream);
      return;
    }
    this.stream = stream;
    stream.on('data', (message: StringMessage) => {
      if (stream !== this.stream) return; // a retired stream's late fetch: the new stream reads it again
      this.scheduler.push(`${message.topic}:${message.partition}`, fetched(message));
      if (this.scheduler.buffered >= this.maxBuffered) stream.pause();
    });
  }

  private createConsumer(): StringConsumer {
    const { Consumer, stringDeserializers } = loadPlatformaticKafka();
    const { brokers, clientId, groupId, logger } = this.options;
    const consumer = new Consumer<string, string, string, string>({
      clientId,
      bootstrapBrokers: brokers,
      groupId,
      autocommit: false,
      deserializers: stringDeserializers,
      autocreateTopics: false,
      // As the kafkajs consumer: a member that stops heartbeating is replaced after 20 s.
      sessionTimeout: 20_000,
      heartbeatInterval: 2_000,
      rebalanceTimeout: 60_000,
      // A fetch returns as soon as one message is there; when none is, the broker holds it 500 ms.
      minBytes: 1,
      maxWaitTime: 500,
      connectTimeout: 3_000,
      requestTimeout: 10_000,
      timeout: 10_000,
      retries: 5,
      retryDelay: (_client, _operation, attempt) => Math.min(300 * 2 ** (attempt - 1), 5_000),
    });
    consumer.on('consumer:group:rebalance', () => this.recover('the group rebalances'));
    // The first join happens inside consume(), before there is a stream; any later one is a rebalance.
    consumer.on('consumer:group:join', () => {
      if (this.stream) this.recover('the group rebalanced');
    });
    // Emitted when a rejoin gave up: without a listener it would crash the process.
    consumer.on('error', (error: Error) => {
      if (consumer !== this.consumer) return;
      this.replaceConsumer = true;
      this.abandonCommits();
      this.recover('the consumer failed', { error, delayMs: 1_000 });
    });
    consumer.on('consumer:heartbeat:stalled', (payload) => logger.warn({ err: payload.lastError, stalledForMs: payload.stalledFor }, 'consumer heartbeats stalled'));
    return consumer;
  }

  /**
   * Ends the current stream (running batches stop at their next check) and opens a new one from
   * the committed offsets once they ended and their commits landed. Calls while a recovery runs
   * make it go round once more.
   */
  private recover(reason: string, { error, delayMs = 0 }: { error?: unknown; delayMs?: number } = {}): void {
    if (this.stopping) return;
    this.options.logger.info({ err: error, groupId: this.options.groupId, reason }, 'consumer restarts from the committed offsets');
    this.endStream();
    if (this.recovering) {
      this.recoverAgain = true;
      return;
    }
    this.recovering = this.reopen(delayMs).finally(() => (this.recovering = undefined));
  }

  private endStream(): void {
    this.generation++;
    this.scheduler.clear();
    if (this.stream) {
      this.stream.pause();
      this.retired.add(this.stream);
      this.stream = undefined;
    }
  }

  private async reopen(delayMs: number): Promise<void> {
    for (let attempt = 1; !this.stopping; attempt++) {
      this.recoverAgain = false;
      await this.scheduler.idle();
      await this.settleCommits();
      await this.sleep(delayMs);
      if (this.stopping) return;
      try {
        // The new stream opens before the retired ones close: while one of them still subscribes,
        // the library does not rejoin the group for the new one. Rejoining would make a leader
        // that recovers from a failed batch rebalance the whole group (and every rebalance twice).
        await this.openStream();
        await this.closeRetired();
        if (!this.recoverAgain) return;
        this.endStream(); // a rebalance came while opening: the new stream may predate it
        delayMs = 0;
      } catch (error) {
        this.options.logger.warn({ err: error, attempt }, 'cannot consume yet; retrying on a new consumer');
        this.replaceConsumer = true;
        delayMs = backoffMs(attempt, 300, 5_000);
      }
    }
  }

  private async settleCommits(): Promise<void> {
    while (this.commits.size > 0) await Promise.allSettled([...this.commits.keys()]);
  }

  private async closeRetired(): Promise<void> {
    const streams = [...this.retired];
    this.retired.clear();
    await Promise.all(streams.map((s) => s.close().catch((error: unknown) => this.options.logger.debug({ err: error }, 'closing a message stream failed'))));
  }

  private async closeConsumer(): Promise<void> {
    const consumer = this.consumer;
    this.consumer = undefined;
    if (!consumer || consumer.closed) return;
    // force: streams still open (a failed start) are closed rather than refusing to leave the group.
    await consumer.close(true).catch((error: unknown) => this.options.logger.warn({ err: error }, 'closing the consumer failed'));
  }

  /** A pause that stop() cuts short. */
  private sleep(ms: number): Promise<void> {
    if (ms <= 0 || this.stopping) return Promise.resolve();
    return new Promise((resolve) => {
      const wake = () => {
        clearTimeout(timer);
        this.wakers.delete(wake);
        resolve();
      };
      const timer = setTimeout(wake, ms);
      this.wakers.add(wake);
    });
  }
}

function fetched(message: StringMessage): Fetched {
  // The first value of a repeated header, as headersAsText reads kafkajs' headers.
  const headers: Record<string, string> = {};
  for (const [name, value] of message.headerEntries) {
    if (name !== undefined && value !== undefined && !Object.hasOwn(headers, name)) headers[name] = value;
  }
  return {
    topic: message.topic,
    partition: message.partition,
    message: { offset: message.offset.toString(), key: message.key ?? null, value: message.value ?? '', headers },
    commit: () => message.commit() as Promise<void>,
  };
}

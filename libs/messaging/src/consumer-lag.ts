import { Admin, Kafka } from 'kafkajs';

/**
 * Messages on the topics not yet committed by the group. Keeps one admin connection for its
 * lifetime instead of opening one per question (a metrics timer asks every few seconds).
 */
export class ConsumerLag {
  private admin: Admin | undefined;

  constructor(
    private readonly kafka: Kafka,
    private readonly groupId: string,
    private readonly topics: string[],
  ) {}

  async measure(): Promise<number> {
    const admin = await this.connected();
    try {
      let total = 0;
      for (const topic of this.topics) {
        const [ends, committed] = await Promise.all([admin.fetchTopicOffsets(topic), admin.fetchOffsets({ groupId: this.groupId, topics: [topic] })]);
        const done = new Map(committed[0]?.partitions.map((p) => [p.partition, Number(p.offset)]) ?? []);
        for (const end of ends) {
          const at = done.get(end.partition) ?? -1;
          total += Number(end.high) - (at < 0 ? Number(end.low) : at);
        }
      }
      return total;
    } catch (error) {
      await this.close(); // reconnect on the next measure
      throw error;
    }
  }

  async close(): Promise<void> {
    const admin = this.admin;
    this.admin = undefined;
    await admin?.disconnect().catch(() => undefined);
  }

  private async connected(): Promise<Admin> {
    if (!this.admin) {
      const admin = this.kafka.admin();
      await admin.connect();
      this.admin = admin;
    }
    return this.admin;
  }
}

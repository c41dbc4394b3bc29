import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/**
 * The Prometheus metrics every service exposes on GET /metrics. A service may run several relays
 * and consumers, so their metrics carry a `relay` or `consumer` label. Gauges that need I/O
 * (consumer lag, relay backlog) are set by a timer (see `every`), never at scrape time: a scrape
 * must not open broker connections or run queries.
 */
export class PlatformMetrics {
  readonly registry = new Registry();
  readonly httpRequests: Histogram<'method' | 'route' | 'status'>;
  readonly relayPublished: Counter<'relay'>;
  readonly relayParked: Counter<'relay' | 'reason'>;
  readonly relayBacklog: Gauge<'relay'>;
  readonly relayOldestUnpublishedAge: Gauge<'relay'>;
  readonly relayParkedEvents: Gauge<'relay'>;
  readonly consumerMessages: Counter<'consumer' | 'outcome'>;
  readonly consumerRedeliveries: Counter<'consumer'>;
  readonly consumerSetsSplit: Counter<'consumer'>;
  readonly consumerLag: Gauge<'consumer'>;
  readonly inboxPruned: Counter<'consumer'>;

  constructor(service: string) {
    this.registry.setDefaultLabels({ service });
    collectDefaultMetrics({ register: this.registry });
    const registers = [this.registry];
    this.httpRequests = new Histogram({
      name: 'assay_http_request_duration_seconds',
      help: 'HTTP request duration',
      labelNames: ['method', 'route', 'status'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
      registers,
    });
    this.relayPublished = new Counter({ name: 'assay_relay_published_total', help: 'Integration events the relay published to Kafka', labelNames: ['relay'], registers });
    this.relayParked = new Counter({
      name: 'assay_relay_parked_total',
      help: 'Stored events the relay parked: failed (translation or contract) or held behind a failed one of the same stream',
      labelNames: ['relay', 'reason'],
      registers,
    });
    this.relayBacklog = new Gauge({ name: 'assay_relay_backlog_events', help: 'Stored events not yet published (sampled)', labelNames: ['relay'], registers });
    this.relayOldestUnpublishedAge = new Gauge({
      name: 'assay_relay_oldest_unpublished_age_seconds',
      help: 'Age of the oldest stored event not yet published; grows while a long transaction holds the horizon back (sampled)',
      labelNames: ['relay'],
      registers,
    });
    this.relayParkedEvents = new Gauge({ name: 'assay_relay_parked_events', help: 'Events waiting in the relay dead-letter table (sampled)', labelNames: ['relay'], registers });
    this.consumerMessages = new Counter({
      name: 'assay_consumer_messages_total',
      help: 'Integration events consumed, by outcome (applied, duplicate, skipped, dead-lettered)',
      labelNames: ['consumer', 'outcome'],
      registers,
    });
    this.consumerRedeliveries = new Counter({
      name: 'assay_consumer_redeliveries_total',
      help: 'Handler attempts that failed for a reason other than the message (database or broker unavailable) and were tried again',
      labelNames: ['consumer'],
      registers,
    });
    this.consumerSetsSplit = new Counter({
      name: 'assay_consumer_sets_split_total',
      help: "Sets of messages a handler's set form failed on, applied again one by one (rising steadily: the set form fails on something only it meets)",
      labelNames: ['consumer'],
      registers,
    });
    this.consumerLag = new Gauge({ name: 'assay_consumer_lag_messages', help: 'Messages on subscribed topics not yet committed by the group (sampled)', labelNames: ['consumer'], registers });
    this.inboxPruned = new Counter({ name: 'assay_inbox_pruned_total', help: 'Inbox rows deleted after the retention period', labelNames: ['consumer'], registers });
  }
}

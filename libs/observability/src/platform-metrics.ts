import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/** The Prometheus metrics every service exposes on GET /metrics. */
export class PlatformMetrics {
  readonly registry = new Registry();
  readonly httpRequests: Histogram<'method' | 'route' | 'status'>;
  readonly relayPublished: Counter<'relay'>;
  readonly consumerMessages: Counter<'consumer' | 'outcome'>;

  constructor(service: string) {
    this.registry.setDefaultLabels({ service });
    collectDefaultMetrics({ register: this.registry });
    this.httpRequests = new Histogram({
      name: 'assay_http_request_duration_seconds',
      help: 'HTTP request duration',
      labelNames: ['method', 'route', 'status'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
      registers: [this.registry],
    });
    this.relayPublished = new Counter({
      name: 'assay_relay_published_total',
      help: 'Integration events the relay published to Kafka',
      labelNames: ['relay'],
      registers: [this.registry],
    });
    this.consumerMessages = new Counter({
      name: 'assay_consumer_messages_total',
      help: 'Integration events consumed, by outcome (applied, duplicate, ignored, dead-lettered)',
      labelNames: ['consumer', 'outcome'],
      registers: [this.registry],
    });
  }

  /** A gauge read at scrape time, e.g. consumer lag or relay backlog. Errors leave it unset. */
  gaugeFromProbe(name: string, help: string, probe: () => Promise<number>): void {
    new Gauge({
      name,
      help,
      registers: [this.registry],
      async collect() {
        try {
          this.set(await probe());
        } catch {
          this.reset();
        }
      },
    });
  }
}

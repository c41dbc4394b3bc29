import { Controller, Get, Header, HttpStatus, Inject, Res } from '@nestjs/common';
import { Response } from 'express';
import { PlatformMetrics } from '@assay/observability';
import { Public } from './auth.guard';
import { METRICS, READINESS_CHECKS } from './tokens';

/** A named dependency the service cannot serve without (database, broker). */
export interface ReadinessCheck {
  name: string;
  check: () => Promise<void>;
}

@Public()
@Controller()
export class HealthController {
  constructor(
    @Inject(READINESS_CHECKS) private readonly checks: ReadinessCheck[],
    @Inject(METRICS) private readonly metrics: PlatformMetrics,
  ) {}

  /** Liveness: the process answers. Restarting it would not fix a dependency outage. */
  @Get('health/live')
  live() {
    return { status: 'up' };
  }

  /** Readiness: every dependency answers within a second; otherwise 503 with the failing ones. */
  @Get('health/ready')
  async ready(@Res() response: Response) {
    const results = await Promise.all(
      this.checks.map(async ({ name, check }) => {
        try {
          await Promise.race([check(), new Promise((_, reject) => setTimeout(() => reject(new Error('timeout')), 1_000))]);
          return { name, status: 'up' };
        } catch (error) {
          return { name, status: 'down', error: (error as Error).message };
        }
      }),
    );
    const up = results.every((r) => r.status === 'up');
    response.status(up ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE).json({ status: up ? 'up' : 'down', checks: results });
  }

  @Get('metrics')
  @Header('Content-Type', 'text/plain; version=0.0.4')
  async prometheus() {
    return this.metrics.registry.metrics();
  }
}

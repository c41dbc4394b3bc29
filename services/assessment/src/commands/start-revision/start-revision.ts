import { randomUUID } from 'node:crypto';
import { Controller, HttpCode, Inject, Param, ParseUUIDPipe, Post, Req, Res } from '@nestjs/common';
import { Request, Response } from 'express';
import { Pool } from 'pg';
import { APP_POOL, CurrentPrincipal, Idempotent, Requires, RequestContext, etagOf } from '@assay/service-kit';
import { Principal, withTenantTransaction } from '@assay/tenancy';
import { asProblem } from '../../http/assessment-problem';
import { assessmentFrameworks } from '../../infrastructure/assessment-frameworks';
import { existingAssessment } from '../../infrastructure/assessment-sources';
import { runAssessmentCommand } from '../../infrastructure/assessment-store';

/**
 * Reopens an approved assessment as a new revision: a new assessment with its answers as they
 * stand, counting its revision up. The approved one stays as it was.
 */
@Controller('v1/assessments/:assessmentId/revisions')
export class StartRevisionHttpController {
  constructor(@Inject(APP_POOL) private readonly pool: Pool) {}

  @Requires('assessment:write')
  @Idempotent('start-revision')
  @Post()
  @HttpCode(201)
  async reopen(@CurrentPrincipal() p: Principal, @Param('assessmentId', new ParseUUIDPipe()) sourceId: string, @Req() req: Request & { context: RequestContext }, @Res({ passthrough: true }) res: Response) {
    const assessmentId = randomUUID();
    try {
      const source = await withTenantTransaction(this.pool, p.tenantId, (client) => existingAssessment(client, p.tenantId, sourceId));
      await assessmentFrameworks.load(this.pool, p.tenantId, source.frameworkId, source.frameworkVersion);
      const outcome = await runAssessmentCommand(
        this.pool,
        p.tenantId,
        {
          type: 'StartAssessment',
          data: {
            assessmentId, frameworkId: source.frameworkId, frameworkVersion: source.frameworkVersion, title: source.title, startedBy: p.subject, now: new Date(),
            frameworks: assessmentFrameworks.lookupFor(p.tenantId), basedOn: { kind: 'revision', source },
          },
        },
        req.context,
      );
      res.setHeader('Location', `/v1/assessments/${assessmentId}`);
      res.setHeader('ETag', etagOf(outcome.version));
      return { id: assessmentId, version: outcome.version };
    } catch (error) {
      throw asProblem(error);
    }
  }
}

import { Controller, Get, HttpStatus, Param, ParseUUIDPipe, Query } from '@nestjs/common';
import { isInstant } from '@assay/evidence-catalogue';
import { CurrentPrincipal, ProblemError, Requires } from '@assay/service-kit';
import { Principal, isUuid } from '@assay/tenancy';
import { MaturityHistoryReader } from './maturity-history.reader';

const invalid = (detail: string) => new ProblemError(HttpStatus.BAD_REQUEST, 'validation', 'Request is invalid', detail);

/** An RFC 3339 instant, or now when absent. */
function instant(name: string, value: string | undefined): Date {
  if (value === undefined) return new Date();
  if (!isInstant(value)) throw invalid(`${name} must be an RFC 3339 date-time, e.g. 2026-06-30T23:59:59Z`);
  return new Date(value);
}

function nodeParam(value: string | undefined): string | null {
  if (value === undefined) return null;
  if (value.length === 0 || value.length > 200) throw invalid('nodeId must be a framework node id');
  return value;
}

@Controller('v1')
export class MaturityHistoryHttpController {
  constructor(private readonly reader: MaturityHistoryReader) {}

  @Requires('scores:read')
  @Get('assessments/:assessmentId/scorecard')
  scorecardAsOf(@CurrentPrincipal() principal: Principal, @Param('assessmentId', new ParseUUIDPipe()) assessmentId: string, @Query('asOf') asOf?: string) {
    return this.reader.scorecardAsOf(principal.tenantId, assessmentId, instant('asOf', asOf));
  }

  @Requires('scores:read')
  @Get('assessments/:assessmentId/history')
  history(@CurrentPrincipal() principal: Principal, @Param('assessmentId', new ParseUUIDPipe()) assessmentId: string, @Query('nodeId') nodeId?: string) {
    return this.reader.nodeHistory(principal.tenantId, assessmentId, nodeParam(nodeId));
  }

  @Requires('scores:read')
  @Get('assessments/:assessmentId/roadmap')
  roadmap(@CurrentPrincipal() principal: Principal, @Param('assessmentId', new ParseUUIDPipe()) assessmentId: string, @Query('asOf') asOf?: string) {
    return this.reader.roadmap(principal.tenantId, assessmentId, instant('asOf', asOf));
  }

  @Requires('scores:read')
  @Get('assessments/:assessmentId/comparison')
  comparison(
    @CurrentPrincipal() principal: Principal,
    @Param('assessmentId', new ParseUUIDPipe()) assessmentId: string,
    @Query('baseline') baseline?: string,
    @Query('asOf') asOf?: string,
  ) {
    if (!isUuid(baseline)) throw invalid('baseline must be the id (UUID) of the assessment to compare against');
    return this.reader.comparison(principal.tenantId, assessmentId, baseline, instant('asOf', asOf));
  }

  @Requires('scores:read')
  @Get('maturity-trend')
  trend(@CurrentPrincipal() principal: Principal, @Query() query: Record<string, string | undefined>) {
    const { frameworkId, scope = 'programme', systemId, period = 'quarter', target } = query;
    if (!frameworkId) throw invalid('frameworkId is required');
    if (scope !== 'programme' && scope !== 'system') throw invalid('scope must be programme or system');
    if (scope === 'system' && !isUuid(systemId)) throw invalid('systemId (a UUID) is required when scope is system');
    if (scope === 'programme' && systemId !== undefined) throw invalid('systemId applies only when scope is system');
    if (period !== 'month' && period !== 'quarter') throw invalid('period must be month or quarter');
    const targetValue = target === undefined ? null : Number(target);
    if (targetValue !== null && (target!.trim() === '' || !Number.isFinite(targetValue))) throw invalid('target must be a number on the node\'s scale');
    return this.reader.trend(principal.tenantId, {
      frameworkId, scope, systemId: systemId ?? null, nodeId: nodeParam(query.nodeId), period, target: targetValue, until: instant('until', query.until),
    });
  }
}

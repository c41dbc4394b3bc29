import { Controller, Get, Param, ParseUUIDPipe, Query } from '@nestjs/common';
import { CurrentPrincipal, Requires } from '@assay/service-kit';
import { Principal, isUuid } from '@assay/tenancy';
import { instant, invalid, nodeParam, single } from '../query-params';
import { MaturityHistoryReader } from './maturity-history.reader';

@Controller('v1')
export class MaturityHistoryHttpController {
  constructor(private readonly reader: MaturityHistoryReader) {}

  @Requires('scores:read')
  @Get('assessments/:assessmentId/scorecard')
  scorecardAsOf(@CurrentPrincipal() principal: Principal, @Param('assessmentId', new ParseUUIDPipe()) assessmentId: string, @Query('asOf') asOf?: unknown) {
    return this.reader.scorecardAsOf(principal.tenantId, assessmentId, instant('asOf', asOf));
  }

  @Requires('scores:read')
  @Get('assessments/:assessmentId/history')
  history(@CurrentPrincipal() principal: Principal, @Param('assessmentId', new ParseUUIDPipe()) assessmentId: string, @Query('nodeId') nodeId?: unknown) {
    return this.reader.nodeHistory(principal.tenantId, assessmentId, nodeParam(nodeId));
  }

  @Requires('scores:read')
  @Get('assessments/:assessmentId/roadmap')
  roadmap(@CurrentPrincipal() principal: Principal, @Param('assessmentId', new ParseUUIDPipe()) assessmentId: string, @Query('asOf') asOf?: unknown) {
    return this.reader.roadmap(principal.tenantId, assessmentId, instant('asOf', asOf));
  }

  @Requires('scores:read')
  @Get('assessments/:assessmentId/comparison')
  comparison(
    @CurrentPrincipal() principal: Principal,
    @Param('assessmentId', new ParseUUIDPipe()) assessmentId: string,
    @Query('baseline') baseline?: unknown,
    @Query('asOf') asOf?: unknown,
  ) {
    if (!isUuid(baseline)) throw invalid('baseline must be the id (UUID) of the assessment to compare against');
    return this.reader.comparison(principal.tenantId, assessmentId, baseline, instant('asOf', asOf));
  }

  @Requires('scores:read')
  @Get('maturity-trend')
  trend(@CurrentPrincipal() principal: Principal, @Query() query: Record<string, unknown>) {
    const [frameworkId, scope = 'programme', systemId, period = 'quarter', target] = ['frameworkId', 'scope', 'systemId', 'period', 'target'].map((name) => single(name, query[name]));
    if (!frameworkId || frameworkId.length > 200) throw invalid('frameworkId is required');
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

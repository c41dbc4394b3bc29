import { Controller, Get, Param, ParseUUIDPipe, Query } from '@nestjs/common';
import { CurrentPrincipal, Requires } from '@assay/service-kit';
import { Principal } from '@assay/tenancy';
import { invalid, single } from '../query-params';
import { DerivedScoresReader } from './derived-scores.reader';

@Controller('v1')
export class DerivedScoresHttpController {
  constructor(private readonly reader: DerivedScoresReader) {}

  @Requires('scores:read')
  @Get('assessments/:assessmentId/derived-scores')
  derivedScores(@CurrentPrincipal() principal: Principal, @Param('assessmentId', new ParseUUIDPipe()) assessmentId: string, @Query('basis') raw?: unknown) {
    const basis = single('basis', raw) ?? null;
    if (basis !== null && basis !== 'claimed' && basis !== 'assured') throw invalid('basis must be claimed or assured');
    return this.reader.derivedScores(principal.tenantId, assessmentId, basis);
  }
}

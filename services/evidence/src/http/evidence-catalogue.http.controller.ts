import { Body, Controller, Get, HttpStatus, Inject, Param, ParseUUIDPipe, Put, Query } from '@nestjs/common';
import { Pool } from 'pg';
import { EVIDENCE_TYPES } from '@assay/evidence-catalogue';
import { APP_POOL, CurrentPrincipal, OPENAPI, OpenApiContract, ProblemError, Requires } from '@assay/service-kit';
import { Principal } from '@assay/tenancy';
import { HIGHEST_MAX_UPLOAD_BYTES } from '../evidence.config';
import { setUploadLimit, uploadLimitOf } from '../infrastructure/upload-limits';
import { evidenceSuggestions } from '../queries/evidence-suggestions';

/** The evidence types and what each needs, the tenant's upload cap, and suggestions per assessment. */
@Controller('v1')
export class EvidenceCatalogueHttpController {
  constructor(
    @Inject(APP_POOL) private readonly pool: Pool,
    @Inject(OPENAPI) private readonly contract: OpenApiContract,
  ) {}

  @Requires('evidence:read')
  @Get('evidence-types')
  types() {
    return { items: [...EVIDENCE_TYPES.values()] };
  }

  @Requires('evidence:read')
  @Get('evidence-settings')
  async settings(@CurrentPrincipal() p: Principal) {
    return { maxUploadBytes: await uploadLimitOf(this.pool, p.tenantId) };
  }

  @Requires('evidence:configure')
  @Put('evidence-settings')
  async changeSettings(@CurrentPrincipal() p: Principal, @Body() body: unknown) {
    const { maxUploadBytes } = this.contract.validate<{ maxUploadBytes: number }>('EvidenceSettings', body);
    if (maxUploadBytes > HIGHEST_MAX_UPLOAD_BYTES) throw new ProblemError(HttpStatus.UNPROCESSABLE_ENTITY, 'limit-too-high', 'Upload cap too high', `at most ${HIGHEST_MAX_UPLOAD_BYTES} bytes per upload`);
    await setUploadLimit(this.pool, p.tenantId, maxUploadBytes);
    return { maxUploadBytes };
  }

  @Requires('evidence:read')
  @Get('assessments/:assessmentId/evidence-suggestions')
  suggestions(@CurrentPrincipal() p: Principal, @Param('assessmentId', new ParseUUIDPipe()) assessmentId: string, @Query('weakBelow') weakBelow: string | undefined) {
    const threshold = weakBelow === undefined ? 0.5 : Number(weakBelow);
    if (!(threshold >= 0 && threshold <= 1)) throw new ProblemError(HttpStatus.BAD_REQUEST, 'validation', 'Invalid weakBelow', 'weakBelow is a share of full credit, 0–1');
    return evidenceSuggestions(this.pool, p.tenantId, assessmentId, threshold);
  }
}

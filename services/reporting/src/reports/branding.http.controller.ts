import { Body, Controller, Get, Inject, Put } from '@nestjs/common';
import type { components } from '@assay/api-types/reporting';
import { CurrentPrincipal, OPENAPI, OpenApiContract, Requires } from '@assay/service-kit';
import { Principal } from '@assay/tenancy';
import { withTenantManager } from '../read-models/read-model-data-source';
import { READ_MODELS, ReadModels } from '../read-models/read-models.provider';
import { DEFAULT_BRANDING } from './report-data';

type Branding = components['schemas']['ReportBranding'];

/** The name, logo and colours a tenant's reports carry (a report keeps the branding it was built with). */
@Controller('v1/report-branding')
export class BrandingHttpController {
  constructor(
    @Inject(READ_MODELS) private readonly readModels: ReadModels,
    @Inject(OPENAPI) private readonly contract: OpenApiContract,
  ) {}

  @Requires('scores:read')
  @Get()
  get(@CurrentPrincipal() principal: Principal): Promise<Branding> {
    return withTenantManager(this.readModels.dataSource, principal.tenantId, async (m) => {
      const row = await m.getRepository(this.readModels.reports.branding).createQueryBuilder('b').getOne();
      return row ? { name: row.name, logo: row.logo, colours: { primary: row.primaryColour, accent: row.accentColour } } : DEFAULT_BRANDING;
    });
  }

  @Requires('reports:configure')
  @Put()
  put(@CurrentPrincipal() principal: Principal, @Body() body: unknown): Promise<Branding> {
    const branding = this.contract.validate<Branding>('ReportBranding', body);
    return withTenantManager(this.readModels.dataSource, principal.tenantId, async (m) => {
      await m.getRepository(this.readModels.reports.branding).upsert(
        { tenantId: principal.tenantId, name: branding.name, logo: branding.logo ?? null, primaryColour: branding.colours.primary, accentColour: branding.colours.accent, updatedAt: new Date() },
        ['tenantId'],
      );
      return { name: branding.name, logo: branding.logo ?? null, colours: branding.colours };
    });
  }
}

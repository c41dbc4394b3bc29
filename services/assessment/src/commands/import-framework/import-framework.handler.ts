import { randomUUID } from 'node:crypto';
import { HttpStatus, Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { Pool } from 'pg';
import { handleCommand, retryOnConflict } from '@assay/event-store';
import { FrameworkDefinition, InvalidDefinitionError, shippedFramework, walkNodes } from '@assay/frameworks';
import { importFramework, overlayFrameworkText } from '@assay/framework-interchange';
import { APP_POOL, NotFoundProblem, ProblemError, metadataOf } from '@assay/service-kit';
import { withTenantTransaction } from '@assay/tenancy';
import { frameworkStreamId, frameworkVersionDecider } from '../../domain/framework-version.decider';
import { asProblem } from '../../http/assessment-problem';
import { assessmentFrameworks } from '../../infrastructure/assessment-frameworks';
import { assessmentStore } from '../../infrastructure/assessment-store';
import { tenantFramework } from '../../infrastructure/tenant-frameworks';
import { projectFrameworkVersionsImported } from '../../infrastructure/tenant-frameworks-projection';
import { FrameworkImported, ImportFrameworkCommand } from './import-framework.command';

@CommandHandler(ImportFrameworkCommand)
export class ImportFrameworkHandler implements ICommandHandler<ImportFrameworkCommand, FrameworkImported> {
  constructor(@Inject(APP_POOL) private readonly pool: Pool) {}

  async execute({ principal, format, text, request, overlay }: ImportFrameworkCommand): Promise<FrameworkImported> {
    const { tenantId } = principal;
    try {
      // A lost race re-runs the import, which then meets the version already published (409).
      const imported = await retryOnConflict(() => withTenantTransaction(this.pool, tenantId, async (client) => {
        const definition = await this.parse(format, text, overlay, (id, version) => tenantFramework(client, id, version));
        if (shippedFramework(definition.id, definition.version)) {
          throw new ProblemError(HttpStatus.CONFLICT, 'already-published', 'Framework version already published', `${definition.id} ${definition.version} ships with Assay; import your text as a new version`);
        }
        const outcome = await handleCommand(assessmentStore, client, frameworkVersionDecider, { type: 'ImportFrameworkVersion', data: { definition, importedBy: principal.subject, now: new Date() } }, {
          tenantId,
          streamId: frameworkStreamId(definition.id, definition.version),
          newEventId: randomUUID,
          now: new Date(),
          metadata: metadataOf(request),
        });
        // Same client, same transaction: the listing's row commits with the event or not at all.
        await projectFrameworkVersionsImported(client, tenantId, outcome.events);
        return definition;
      }));
      assessmentFrameworks.remember(tenantId, imported);
      return { id: imported.id, version: imported.version, nodeCount: [...walkNodes(imported.nodes)].length, textOrigin: imported.licence.textOrigin };
    } catch (error) {
      if (error instanceof InvalidDefinitionError) {
        throw new ProblemError(HttpStatus.UNPROCESSABLE_ENTITY, 'framework-invalid', 'The framework cannot be imported', error.message, {
          errors: error.problems.map((p) => ({ pointer: p.nodeId ? `${p.nodeId}/${p.field}` : p.field, detail: p.message })),
        });
      }
      throw asProblem(error);
    }
  }

  private async parse(
    format: ImportFrameworkCommand['format'],
    text: string,
    overlay: ImportFrameworkCommand['overlay'],
    find: (id: string, version: string) => Promise<FrameworkDefinition | undefined>,
  ): Promise<FrameworkDefinition> {
    if (format !== 'csv-overlay') return importFramework(text, format);
    if (!overlay) throw new ProblemError(HttpStatus.BAD_REQUEST, 'validation', 'Overlay target missing', 'A CSV overlay needs base, baseVersion, version, spdx and attribution query parameters.');
    const base = await find(overlay.base, overlay.baseVersion);
    if (!base) throw new NotFoundProblem(`framework ${overlay.base} ${overlay.baseVersion}`);
    return overlayFrameworkText(base, text, {
      version: overlay.version,
      licence: { spdx: overlay.spdx, attribution: overlay.attribution, textOrigin: 'licensee-import' },
    });
  }
}

import { FrameworkImportedV1, IntegrationEnvelope } from '@assay/contracts';
import { IntegrationHandler } from '@assay/messaging';
import { learnFramework } from '../infrastructure/scoring-frameworks';

/** assessment.framework-imported → scoring can score the tenant's own framework version. */
export const onFrameworkImported: IntegrationHandler = async (envelope, client) => {
  const { definition, importedAt } = (envelope as IntegrationEnvelope<string, FrameworkImportedV1>).data;
  await learnFramework(client, envelope.tenantId, definition, importedAt);
};

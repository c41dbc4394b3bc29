import { FrameworkImportedV1, IntegrationEnvelope } from '@assay/contracts';
import { learnFramework } from '@assay/learned-frameworks';
import { IntegrationHandler } from '@assay/messaging';

/** A tenant's own framework version: the roadmap reads its threats and the controls that mitigate them. */
export const frameworkImportedHandler =
  (schema: string): IntegrationHandler =>
  async (envelope, client) => {
    const { definition, importedAt } = (envelope as IntegrationEnvelope<string, FrameworkImportedV1>).data;
    await learnFramework(client, envelope.tenantId, definition, importedAt, schema);
  };

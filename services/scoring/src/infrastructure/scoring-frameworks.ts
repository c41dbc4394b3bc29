import { FrameworkDefinition } from '@assay/frameworks';
import { frameworkFor as learnedFrameworkFor, learnFramework as learn } from '@assay/learned-frameworks';
import { Queryable } from '@assay/postgres';
import { SCORING_SCHEMA } from './scoring-store';

export { UnknownFrameworkError } from '@assay/learned-frameworks';

/** The definition behind an assessment, from scoring's own tenant_frameworks (migration scoring/001). */
export const frameworkFor = (client: Queryable, tenantId: string, id: string, version: string): Promise<FrameworkDefinition> => learnedFrameworkFor(client, tenantId, id, version, SCORING_SCHEMA);
export const learnFramework = (client: Queryable, tenantId: string, candidate: unknown, importedAt: string): Promise<void> => learn(client, tenantId, candidate, importedAt, SCORING_SCHEMA);

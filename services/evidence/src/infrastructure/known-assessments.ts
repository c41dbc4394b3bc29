import { FrameworkDefinition } from '@assay/frameworks';
import { UnknownFrameworkError, frameworkFor } from '@assay/learned-frameworks';
import { Queryable } from '@assay/postgres';
import { EVIDENCE_SCHEMA } from './evidence-schema';

export interface KnownAssessment {
  assessmentId: string;
  frameworkId: string;
  frameworkVersion: string;
  definition: FrameworkDefinition;
}

/** An assessment of the client's tenant as learned from assessment.started, with its framework; undefined when not (yet) known. */
export async function knownAssessment(client: Queryable, tenantId: string, assessmentId: string): Promise<KnownAssessment | undefined> {
  const { rows } = await client.query<{ framework_id: string; framework_version: string }>(
    `SELECT framework_id, framework_version FROM ${EVIDENCE_SCHEMA}.known_assessments WHERE assessment_id = $1`,
    [assessmentId],
  );
  if (!rows[0]) return undefined;
  const { framework_id: frameworkId, framework_version: frameworkVersion } = rows[0];
  try {
    return { assessmentId, frameworkId, frameworkVersion, definition: await frameworkFor(client, tenantId, frameworkId, frameworkVersion, EVIDENCE_SCHEMA) };
  } catch (error) {
    if (error instanceof UnknownFrameworkError) return undefined;
    throw error;
  }
}

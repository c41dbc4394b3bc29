import { HttpStatus } from '@nestjs/common';
import { Pool } from 'pg';
import { answerableNodes } from '@assay/frameworks';
import { ProblemError } from '@assay/service-kit';
import { withTenantTransaction } from '@assay/tenancy';
import { EvidenceLink } from '../domain/evidence.events';
import { knownAssessment } from '../infrastructure/known-assessments';

/**
 * A link names an item someone answers (a question, a control, a checklist item) of an assessment
 * this service has learned about, whatever its framework; the framework comes from the assessment.
 */
export async function resolveLinkTarget(pool: Pool, tenantId: string, target: { assessmentId: string; nodeId: string }): Promise<EvidenceLink> {
  const assessment = await withTenantTransaction(pool, tenantId, (client) => knownAssessment(client, tenantId, target.assessmentId));
  if (!assessment) {
    throw new ProblemError(
      HttpStatus.UNPROCESSABLE_ENTITY,
      'unknown-assessment',
      'Assessment not known',
      `assessment ${target.assessmentId} is not known to the evidence service; a newly started assessment arrives within seconds`,
    );
  }
  if (!answerableNodes(assessment.definition).has(target.nodeId)) {
    throw new ProblemError(HttpStatus.UNPROCESSABLE_ENTITY, 'unknown-node', 'Unknown framework item', `${assessment.frameworkId} ${assessment.frameworkVersion} has no answerable item ${target.nodeId}`);
  }
  return { assessmentId: target.assessmentId, nodeId: target.nodeId, frameworkId: assessment.frameworkId, frameworkVersion: assessment.frameworkVersion };
}

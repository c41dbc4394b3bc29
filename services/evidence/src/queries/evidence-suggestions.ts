import { Pool } from 'pg';
import { EVIDENCE_TYPES } from '@assay/evidence-catalogue';
import { AnswerValue, answerableNodes, creditOf, shippedFramework, walkNodes } from '@assay/frameworks';
import { NotFoundProblem } from '@assay/service-kit';
import { withTenantTransaction } from '@assay/tenancy';
import { EVIDENCE_SCHEMA } from '../infrastructure/evidence-schema';
import { knownAssessment } from '../infrastructure/known-assessments';
import { EvidenceHints } from './evidence-hints';

const shippedHints = new EvidenceHints();

type HeldRow = { evidence_id: string; type_id: string; title: string; review_status: string; expires_at: Date | null; linked_nodes: string[] };

/**
 * For each unanswered or weak item of an assessment (credit below `weakBelow` on its own scale):
 * the evidence types that would support it (evidence-hints.ts), and the evidence the tenant holds
 * of those types that still counts — not expired, not rejected — marked when already linked.
 */
export async function evidenceSuggestions(pool: Pool, tenantId: string, assessmentId: string, weakBelow: number) {
  return withTenantTransaction(pool, tenantId, async (client) => {
    const assessment = await knownAssessment(client, tenantId, assessmentId);
    if (!assessment) throw new NotFoundProblem(`assessment ${assessmentId}`);
    const { definition, frameworkId, frameworkVersion } = assessment;
    const hints = shippedFramework(frameworkId, frameworkVersion) ? shippedHints : new EvidenceHints().withDefinition(definition);
    const answers = await client.query<{ node_id: string; value: AnswerValue }>(`SELECT node_id, value FROM ${EVIDENCE_SCHEMA}.known_answers WHERE assessment_id = $1`, [assessmentId]);
    const held = await client.query<HeldRow>(
      `SELECT s.evidence_id, s.type_id, s.title, s.review_status, s.expires_at,
              coalesce(array_agg(l.node_id) FILTER (WHERE l.node_id IS NOT NULL), '{}') AS linked_nodes
       FROM ${EVIDENCE_SCHEMA}.evidence_summaries s
       LEFT JOIN ${EVIDENCE_SCHEMA}.evidence_links l ON l.tenant_id = s.tenant_id AND l.evidence_id = s.evidence_id AND l.assessment_id = $1
       WHERE NOT s.expired AND s.review_status <> 'rejected'
       GROUP BY s.evidence_id, s.type_id, s.title, s.review_status, s.expires_at, s.uploaded_at
       ORDER BY s.uploaded_at DESC`,
      [assessmentId],
    );
    const answered = new Map(answers.rows.map((r) => [r.node_id, r.value]));
    const parents = new Map([...walkNodes(definition.nodes)].map(({ node, parentId }) => [node.id, parentId]));
    const ancestry = (id: string) => {
      const chain = [id];
      for (let p = parents.get(id); p; p = parents.get(p)) chain.push(p);
      return chain;
    };
    const items = [];
    for (const [nodeId, { node }] of answerableNodes(definition)) {
      const value = answered.get(nodeId);
      const credit = value === undefined ? undefined : creditOf(definition, nodeId, value);
      if (credit !== undefined && credit >= weakBelow) continue;
      const types = hints.typesFor(frameworkId, frameworkVersion, ancestry(nodeId));
      if (types.length === 0) continue;
      const wanted = new Set(types.map((t) => t.typeId));
      items.push({
        nodeId,
        name: node.name,
        status: value === undefined ? 'unanswered' : 'weak',
        ...(credit !== undefined ? { credit } : {}),
        evidenceTypes: types.map((t) => ({ typeId: t.typeId, name: EVIDENCE_TYPES.get(t.typeId)?.name ?? t.typeId, via: t.via })),
        heldEvidence: held.rows
          .filter((r) => wanted.has(r.type_id))
          .map((r) => ({ id: r.evidence_id, typeId: r.type_id, title: r.title, reviewStatus: r.review_status, ...(r.expires_at ? { expiresAt: r.expires_at.toISOString() } : {}), linked: r.linked_nodes.includes(nodeId) })),
      });
    }
    return { assessmentId, frameworkId, frameworkVersion, weakBelow, items };
  });
}

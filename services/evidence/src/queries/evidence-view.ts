import { EVIDENCE_TYPES } from '@assay/evidence-catalogue';
import { HeldEvidence, RevisionState, currentRevision } from '../domain/evidence.decider';

const revisionView = (r: RevisionState) => ({
  revision: r.revision,
  title: r.title,
  metadata: r.metadata,
  validity: r.validity,
  file: { sha256: r.blob.sha256, bytes: r.blob.bytes, contentType: r.blob.contentType, fileName: r.blob.fileName },
  uploadedBy: r.uploadedBy,
  uploadedAt: r.uploadedAt,
  review: r.review,
});

/** Evidence as the API shows it: the current revision's facts, its links, and every revision. */
export function toEvidenceView(s: HeldEvidence) {
  const current = currentRevision(s);
  return {
    id: s.evidenceId,
    typeId: current.typeId,
    typeName: EVIDENCE_TYPES.get(current.typeId)?.name ?? current.typeId,
    title: current.title,
    revision: current.revision,
    review: current.review,
    validity: current.validity,
    expired: s.expired,
    links: s.links,
    revisions: s.revisions.map(revisionView),
    updatedAt: s.updatedAt,
  };
}

import {
  EvidenceExpiredV1,
  EvidenceExpiringV1,
  EvidenceLinkedV1,
  EvidenceRecordedV1,
  EvidenceReviewedV1,
  EvidenceUnlinkedV1,
  EvidenceValidityChangedV1,
  IntegrationEnvelope,
  IntegrationEventTypes,
} from '@assay/contracts';
import { StoredEvent } from '@assay/event-store';
import { envelopeFrom } from '@assay/messaging';
import { EvidenceEvent } from '../domain/evidence.events';

/**
 * Evidence leaves the service as facts scoring and reporting can count: which document, valid
 * from and until when, verified or not, backing which items. People, file names, notes and
 * reasons stay here (personal data), and so do the files.
 */
export function toIntegrationEvents(stored: StoredEvent): IntegrationEnvelope[] {
  const event = { type: stored.type, data: stored.data } as EvidenceEvent;
  switch (event.type) {
    case 'EvidenceUploaded':
    case 'EvidenceRevised': {
      const { evidenceId, revision, typeId, validity, blob } = event.data;
      const recordedAt = event.type === 'EvidenceUploaded' ? event.data.uploadedAt : event.data.revisedAt;
      return [envelopeFrom<EvidenceRecordedV1>(stored, IntegrationEventTypes.evidenceRecorded, { evidenceId, revision, typeId, validity, sha256: blob.sha256, contentType: blob.contentType, recordedAt })];
    }
    case 'EvidenceVerified':
      return [envelopeFrom<EvidenceReviewedV1>(stored, IntegrationEventTypes.evidenceReviewed, { evidenceId: event.data.evidenceId, revision: event.data.revision, outcome: 'verified', reviewedAt: event.data.verifiedAt })];
    case 'EvidenceRejected':
      return [envelopeFrom<EvidenceReviewedV1>(stored, IntegrationEventTypes.evidenceReviewed, { evidenceId: event.data.evidenceId, revision: event.data.revision, outcome: 'rejected', reviewedAt: event.data.rejectedAt })];
    case 'EvidenceValidityChanged': {
      const { evidenceId, revision, validity, changedAt } = event.data;
      return [envelopeFrom<EvidenceValidityChangedV1>(stored, IntegrationEventTypes.evidenceValidityChanged, { evidenceId, revision, validity, changedAt })];
    }
    case 'EvidenceLinked': {
      const { evidenceId, assessmentId, nodeId, frameworkId, frameworkVersion, linkedAt } = event.data;
      return [envelopeFrom<EvidenceLinkedV1>(stored, IntegrationEventTypes.evidenceLinked, { evidenceId, assessmentId, nodeId, frameworkId, frameworkVersion, linkedAt })];
    }
    case 'EvidenceUnlinked': {
      const { evidenceId, assessmentId, nodeId, frameworkId, frameworkVersion, unlinkedAt } = event.data;
      return [envelopeFrom<EvidenceUnlinkedV1>(stored, IntegrationEventTypes.evidenceUnlinked, { evidenceId, assessmentId, nodeId, frameworkId, frameworkVersion, unlinkedAt })];
    }
    case 'EvidenceExpiryReminded':
      return [envelopeFrom<EvidenceExpiringV1>(stored, IntegrationEventTypes.evidenceExpiring, event.data)];
    case 'EvidenceExpired':
      return [envelopeFrom<EvidenceExpiredV1>(stored, IntegrationEventTypes.evidenceExpired, event.data)];
    default: {
      const unknown: never = event;
      throw new Error(`no translation for ${(unknown as StoredEvent).type}`);
    }
  }
}

import { PersonalFields } from '@assay/personal-data';

/**
 * Personal data in the evidence service's events: who uploaded, reviewed, linked (token subjects
 * name people), the file's own name and free text (notes, reasons). Encrypted under the tenant's key.
 */
export const EVIDENCE_PERSONAL_FIELDS: PersonalFields = {
  EvidenceUploaded: ['uploadedBy', 'blob.fileName'],
  EvidenceRevised: ['revisedBy', 'blob.fileName'],
  EvidenceVerified: ['verifiedBy', 'note'],
  EvidenceRejected: ['rejectedBy', 'reason'],
  EvidenceValidityChanged: ['changedBy'],
  EvidenceLinked: ['linkedBy'],
  EvidenceUnlinked: ['unlinkedBy'],
};

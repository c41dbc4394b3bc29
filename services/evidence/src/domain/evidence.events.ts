import { EvidenceMetadataInput } from '@assay/evidence-catalogue';

/** The stored file of one revision: encrypted in the blob store, described by its plaintext. */
export interface BlobRef {
  blobId: string;
  /** SHA-256 of the plaintext, hex: what an auditor checks a download against. */
  sha256: string;
  bytes: number;
  /** Decided from the content (magic bytes), never from the name or the declared type. */
  contentType: string;
  fileName: string;
}

export interface Validity {
  effectiveOn: string;
  /** The last day it is valid; absent: valid until revised. */
  expiresOn?: string;
  /** The instant it stops being valid. */
  expiresAt?: string;
}

/** An answer or control of an assessment of any framework, that this evidence backs. */
export interface EvidenceLink {
  assessmentId: string;
  nodeId: string;
  frameworkId: string;
  frameworkVersion: string;
}

export type ReminderDays = 30 | 7;

type Revision = { evidenceId: string; revision: number; typeId: string; title: string; metadata: EvidenceMetadataInput; validity: Validity; blob: BlobRef };

export type EvidenceUploaded = { type: 'EvidenceUploaded'; data: Revision & { uploadedBy: string; uploadedAt: string } };
/** A new document for the same evidence (next year's report); earlier revisions stay readable. */
export type EvidenceRevised = { type: 'EvidenceRevised'; data: Revision & { revisedBy: string; revisedAt: string } };
export type EvidenceVerified = { type: 'EvidenceVerified'; data: { evidenceId: string; revision: number; verifiedBy: string; verifiedAt: string; note?: string } };
export type EvidenceRejected = { type: 'EvidenceRejected'; data: { evidenceId: string; revision: number; rejectedBy: string; rejectedAt: string; reason: string } };
export type EvidenceValidityChanged = { type: 'EvidenceValidityChanged'; data: { evidenceId: string; revision: number; validity: Validity; validUntil?: string; changedBy: string; changedAt: string } };
export type EvidenceLinked = { type: 'EvidenceLinked'; data: EvidenceLink & { evidenceId: string; linkedBy: string; linkedAt: string } };
export type EvidenceUnlinked = { type: 'EvidenceUnlinked'; data: EvidenceLink & { evidenceId: string; unlinkedBy: string; unlinkedAt: string } };
export type EvidenceExpiryReminded = { type: 'EvidenceExpiryReminded'; data: { evidenceId: string; revision: number; expiresAt: string; daysBefore: ReminderDays; remindedAt: string } };
export type EvidenceExpired = { type: 'EvidenceExpired'; data: { evidenceId: string; revision: number; expiresAt: string; expiredAt: string } };

export type EvidenceEvent =
  | EvidenceUploaded
  | EvidenceRevised
  | EvidenceVerified
  | EvidenceRejected
  | EvidenceValidityChanged
  | EvidenceLinked
  | EvidenceUnlinked
  | EvidenceExpiryReminded
  | EvidenceExpired;

import { EvidenceMetadataInput } from '@assay/evidence-catalogue';
import { BlobRef, EvidenceLink, ReminderDays } from './evidence.events';

type By = { by: string; now: Date };

export type UploadEvidence = { type: 'UploadEvidence'; data: By & { evidenceId: string; typeId: string; title: string; metadata: EvidenceMetadataInput; blob: BlobRef } };
export type ReviseEvidence = { type: 'ReviseEvidence'; data: By & { evidenceId: string; typeId: string; title?: string; metadata: EvidenceMetadataInput; blob: BlobRef } };
export type VerifyEvidence = { type: 'VerifyEvidence'; data: By & { evidenceId: string; revision: number; note?: string } };
export type RejectEvidence = { type: 'RejectEvidence'; data: By & { evidenceId: string; revision: number; reason: string } };
/** A new end of validity for the current revision (undefined: the type's default again). */
export type ChangeValidity = { type: 'ChangeValidity'; data: By & { evidenceId: string; validUntil?: string } };
export type LinkEvidence = { type: 'LinkEvidence'; data: By & { evidenceId: string; link: EvidenceLink } };
export type UnlinkEvidence = { type: 'UnlinkEvidence'; data: By & { evidenceId: string; link: Pick<EvidenceLink, 'assessmentId' | 'nodeId'> } };
/**
 * Asked by a scheduled job, which only knows what it was planned for: the event store's state
 * decides whether anything happens, so a job that fires twice, late or after a re-plan is harmless.
 */
export type RemindExpiry = { type: 'RemindExpiry'; data: { evidenceId: string; plannedExpiresAt: string; daysBefore: ReminderDays; now: Date } };
export type ExpireEvidence = { type: 'ExpireEvidence'; data: { evidenceId: string; plannedExpiresAt: string; now: Date } };

export type EvidenceCommand = UploadEvidence | ReviseEvidence | VerifyEvidence | RejectEvidence | ChangeValidity | LinkEvidence | UnlinkEvidence | RemindExpiry | ExpireEvidence;

import { Decider } from '@assay/domain-kernel';
import { EvidenceMetadataInput, InvalidEvidenceMetadataError, evidenceValidity } from '@assay/evidence-catalogue';
import { EvidenceCommand } from './evidence.commands';
import { EvidenceRuleError } from './evidence.errors';
import { BlobRef, EvidenceEvent, EvidenceLink, ReminderDays, Validity } from './evidence.events';

export type Review =
  | { status: 'pending' }
  | { status: 'verified'; by: string; at: string; note?: string }
  | { status: 'rejected'; by: string; at: string; reason: string };

export interface RevisionState {
  revision: number;
  typeId: string;
  title: string;
  metadata: EvidenceMetadataInput;
  validity: Validity;
  blob: BlobRef;
  uploadedBy: string;
  uploadedAt: string;
  review: Review;
}

export type HeldEvidence = {
  status: 'held';
  evidenceId: string;
  /** Every revision, oldest first; the last is current. */
  revisions: RevisionState[];
  links: EvidenceLink[];
  /** Reminders sent for the current revision's current expiry. */
  reminded: ReminderDays[];
  expired: boolean;
  updatedAt: string;
};
export type EvidenceState = { status: 'none' } | HeldEvidence;

export const evidenceStreamId = (evidenceId: string) => `evidence-${evidenceId}`;
export const currentRevision = (s: HeldEvidence): RevisionState => s.revisions[s.revisions.length - 1];

function evolve(state: EvidenceState, event: EvidenceEvent): EvidenceState {
  if (event.type === 'EvidenceUploaded') {
    const { evidenceId, revision, typeId, title, metadata, validity, blob, uploadedBy, uploadedAt } = event.data;
    const first: RevisionState = { revision, typeId, title, metadata, validity, blob, uploadedBy, uploadedAt, review: { status: 'pending' } };
    return { status: 'held', evidenceId, revisions: [first], links: [], reminded: [], expired: false, updatedAt: uploadedAt };
  }
  if (state.status !== 'held') return state;
  const withCurrent = (change: Partial<RevisionState>, at: string, rest: Partial<HeldEvidence> = {}): HeldEvidence => ({
    ...state,
    ...rest,
    revisions: [...state.revisions.slice(0, -1), { ...currentRevision(state), ...change }],
    updatedAt: at,
  });
  switch (event.type) {
    case 'EvidenceRevised': {
      const { revision, typeId, title, metadata, validity, blob, revisedBy, revisedAt } = event.data;
      const next: RevisionState = { revision, typeId, title, metadata, validity, blob, uploadedBy: revisedBy, uploadedAt: revisedAt, review: { status: 'pending' } };
      return { ...state, revisions: [...state.revisions, next], reminded: [], expired: false, updatedAt: revisedAt };
    }
    case 'EvidenceVerified':
      return withCurrent({ review: { status: 'verified', by: event.data.verifiedBy, at: event.data.verifiedAt, ...(event.data.note ? { note: event.data.note } : {}) } }, event.data.verifiedAt);
    case 'EvidenceRejected':
      return withCurrent({ review: { status: 'rejected', by: event.data.rejectedBy, at: event.data.rejectedAt, reason: event.data.reason } }, event.data.rejectedAt);
    case 'EvidenceValidityChanged': {
      const metadata = { ...currentRevision(state).metadata };
      if (event.data.validUntil === undefined) delete metadata.validUntil;
      else metadata.validUntil = event.data.validUntil;
      // The same instant written another way (a day, or that day's end as an instant) changes nothing that happened.
      const sameInstant = event.data.validity.expiresAt === currentRevision(state).validity.expiresAt;
      return withCurrent({ validity: event.data.validity, metadata }, event.data.changedAt, sameInstant ? {} : { reminded: [], expired: false });
    }
    case 'EvidenceLinked': {
      const { assessmentId, nodeId, frameworkId, frameworkVersion, linkedAt } = event.data;
      return { ...state, links: [...state.links, { assessmentId, nodeId, frameworkId, frameworkVersion }], updatedAt: linkedAt };
    }
    case 'EvidenceUnlinked':
      return { ...state, links: state.links.filter((l) => !(l.assessmentId === event.data.assessmentId && l.nodeId === event.data.nodeId)), updatedAt: event.data.unlinkedAt };
    case 'EvidenceExpiryReminded':
      return { ...state, reminded: [...state.reminded, event.data.daysBefore], updatedAt: event.data.remindedAt };
    case 'EvidenceExpired':
      return { ...state, expired: true, updatedAt: event.data.expiredAt };
    default: {
      const unknown: never = event;
      return unknown;
    }
  }
}

/** The validity a type gives these metadata, or the rule error naming every problem. */
export function validityOf(typeId: string, metadata: EvidenceMetadataInput, now: Date): Validity {
  try {
    return evidenceValidity(typeId, metadata, now);
  } catch (error) {
    if (error instanceof InvalidEvidenceMetadataError) throw new EvidenceRuleError('invalid-metadata', error.message, error.problems);
    throw error;
  }
}

/** A document whose validity has already ended when it is recorded expires with it, no job needed. */
function expiredAlready(evidenceId: string, revision: number, validity: Validity, now: Date): EvidenceEvent[] {
  if (!validity.expiresAt || now.getTime() < Date.parse(validity.expiresAt)) return [];
  return [{ type: 'EvidenceExpired', data: { evidenceId, revision, expiresAt: validity.expiresAt, expiredAt: now.toISOString() } }];
}

function held(state: EvidenceState, evidenceId: string): HeldEvidence {
  if (state.status !== 'held') throw new EvidenceRuleError('not-found', `evidence ${evidenceId} does not exist`);
  return state;
}

/** A reviewer judges the current revision, and never one they uploaded themselves. */
function reviewable(state: HeldEvidence, revision: number, by: string): RevisionState {
  const current = currentRevision(state);
  if (revision !== current.revision) throw new EvidenceRuleError('not-current-revision', `revision ${revision} is not the current one (${current.revision}); only the current revision is reviewed`);
  if (current.uploadedBy === by) throw new EvidenceRuleError('four-eyes', 'the person who uploaded a revision cannot review it');
  return current;
}

function decide(command: EvidenceCommand, state: EvidenceState): EvidenceEvent[] {
  const { evidenceId } = command.data;
  const at = command.data.now.toISOString();
  if (command.type === 'UploadEvidence') {
    if (state.status === 'held') throw new EvidenceRuleError('already-exists', `evidence ${evidenceId} already exists`);
    const { typeId, title, metadata, blob, by, now } = command.data;
    const validity = validityOf(typeId, metadata, now);
    return [{ type: 'EvidenceUploaded', data: { evidenceId, revision: 1, typeId, title, metadata, validity, blob, uploadedBy: by, uploadedAt: at } }, ...expiredAlready(evidenceId, 1, validity, now)];
  }
  const s = held(state, evidenceId);
  const current = currentRevision(s);
  const expiresAt = current.validity.expiresAt;
  switch (command.type) {
    case 'ReviseEvidence': {
      const { typeId, title, metadata, blob, by, now } = command.data;
      if (typeId !== current.typeId) throw new EvidenceRuleError('type-mismatch', `a revision keeps the evidence's type (${current.typeId}); upload a ${typeId} as new evidence`);
      const validity = validityOf(typeId, metadata, now);
      const revision = current.revision + 1;
      return [{ type: 'EvidenceRevised', data: { evidenceId, revision, typeId, title: title ?? current.title, metadata, validity, blob, revisedBy: by, revisedAt: at } }, ...expiredAlready(evidenceId, revision, validity, now)];
    }
    case 'VerifyEvidence': {
      const revision = reviewable(s, command.data.revision, command.data.by);
      if (revision.review.status === 'verified') return [];
      if (revision.review.status === 'rejected') throw new EvidenceRuleError('already-reviewed', `revision ${revision.revision} was rejected; upload a new revision to have it verified`);
      // By the clock too: between the expiry instant and its job's run, the document is already expired.
      if (s.expired || (expiresAt && command.data.now.getTime() >= Date.parse(expiresAt))) {
        throw new EvidenceRuleError('expired', `revision ${revision.revision} expired at ${expiresAt}; expired evidence proves nothing`);
      }
      const note = command.data.note?.trim();
      return [{ type: 'EvidenceVerified', data: { evidenceId, revision: revision.revision, verifiedBy: command.data.by, verifiedAt: at, ...(note ? { note } : {}) } }];
    }
    case 'RejectEvidence': {
      // A verified revision may still be rejected: a reviewer who finds a flaw withdraws the verification.
      const revision = reviewable(s, command.data.revision, command.data.by);
      const reason = command.data.reason?.trim();
      if (!reason) throw new EvidenceRuleError('reason-required', 'a rejection needs a reason the uploader can act on');
      if (revision.review.status === 'rejected') return [];
      return [{ type: 'EvidenceRejected', data: { evidenceId, revision: revision.revision, rejectedBy: command.data.by, rejectedAt: at, reason } }];
    }
    case 'ChangeValidity': {
      const { validUntil } = command.data;
      const metadata = { ...current.metadata };
      if (validUntil === undefined) delete metadata.validUntil;
      else metadata.validUntil = validUntil;
      const validity = validityOf(current.typeId, metadata, command.data.now);
      if (JSON.stringify(validity) === JSON.stringify(current.validity)) return [];
      const changed: EvidenceEvent = { type: 'EvidenceValidityChanged', data: { evidenceId, revision: current.revision, validity, ...(validUntil !== undefined ? { validUntil } : {}), changedBy: command.data.by, changedAt: at } };
      const alreadyOver = s.expired && validity.expiresAt === expiresAt ? [] : expiredAlready(evidenceId, current.revision, validity, command.data.now);
      return [changed, ...alreadyOver];
    }
    case 'LinkEvidence': {
      const { link } = command.data;
      if (s.links.some((l) => l.assessmentId === link.assessmentId && l.nodeId === link.nodeId)) return [];
      return [{ type: 'EvidenceLinked', data: { evidenceId, ...link, linkedBy: command.data.by, linkedAt: at } }];
    }
    case 'UnlinkEvidence': {
      const existing = s.links.find((l) => l.assessmentId === command.data.link.assessmentId && l.nodeId === command.data.link.nodeId);
      if (!existing) throw new EvidenceRuleError('not-linked', `evidence ${evidenceId} is not linked to ${command.data.link.nodeId} of assessment ${command.data.link.assessmentId}`);
      return [{ type: 'EvidenceUnlinked', data: { evidenceId, ...existing, unlinkedBy: command.data.by, unlinkedAt: at } }];
    }
    case 'RemindExpiry': {
      const { plannedExpiresAt, daysBefore, now } = command.data;
      // Planned for an expiry that has since moved, already sent, too early, or overtaken by the expiry itself: nothing.
      if (expiresAt !== plannedExpiresAt || s.expired || s.reminded.includes(daysBefore)) return [];
      const due = Date.parse(expiresAt) - daysBefore * 86_400_000;
      if (now.getTime() < due || now.getTime() >= Date.parse(expiresAt)) return [];
      return [{ type: 'EvidenceExpiryReminded', data: { evidenceId, revision: current.revision, expiresAt, daysBefore, remindedAt: at } }];
    }
    case 'ExpireEvidence': {
      const { plannedExpiresAt, now } = command.data;
      if (expiresAt !== plannedExpiresAt || s.expired || now.getTime() < Date.parse(expiresAt)) return [];
      return [{ type: 'EvidenceExpired', data: { evidenceId, revision: current.revision, expiresAt, expiredAt: at } }];
    }
    default: {
      const unknown: never = command;
      return unknown;
    }
  }
}

export const evidenceDecider: Decider<EvidenceCommand, EvidenceEvent, EvidenceState> = { initialState: () => ({ status: 'none' }), evolve, decide };

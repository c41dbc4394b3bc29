import { deciderSpecification } from '@assay/testing';
import { evidenceDecider } from './evidence.decider';
import { EvidenceRuleError } from './evidence.errors';
import { BlobRef, EvidenceEvent, EvidenceUploaded } from './evidence.events';

const spec = deciderSpecification(evidenceDecider);
const evidenceId = 'e1';
const now = new Date('2026-12-02T10:00:00Z');
const at = now.toISOString();
const blob = (n: number): BlobRef => ({ blobId: `b${n}`, sha256: `${n}`.repeat(64), bytes: 1000 + n, contentType: 'application/pdf', fileName: `soc2-${n}.pdf` });
const soc2 = { issuer: 'Audit LLP', scope: 'Claims platform', periodStart: '2026-01-01', periodEnd: '2026-09-30' };
const soc2Validity = { effectiveOn: '2026-09-30', expiresOn: '2027-09-30', expiresAt: '2027-10-01T00:00:00.000Z' };
const link = { assessmentId: 'a1', nodeId: 'S2.a', frameworkId: 'ai-security-resource-guide', frameworkVersion: '1.0' };

const uploaded: EvidenceUploaded = {
  type: 'EvidenceUploaded',
  data: { evidenceId, revision: 1, typeId: 'soc2-type2', title: 'SOC 2 Type 2 2026', metadata: soc2, validity: soc2Validity, blob: blob(1), uploadedBy: 'ana', uploadedAt: '2026-12-01T09:00:00.000Z' },
};
const verified: EvidenceEvent = { type: 'EvidenceVerified', data: { evidenceId, revision: 1, verifiedBy: 'rui', verifiedAt: at } };
const expired: EvidenceEvent = { type: 'EvidenceExpired', data: { evidenceId, revision: 1, expiresAt: soc2Validity.expiresAt, expiredAt: soc2Validity.expiresAt } };
const code = (expected: string) => (error: EvidenceRuleError) => expect(error.code).toBe(expected);

describe('Evidence decider', () => {
  describe('upload', () => {
    it('records the document, its blob and a validity that runs from the report period end, not the upload date', () => {
      spec.given([]).when({ type: 'UploadEvidence', data: { evidenceId, typeId: 'soc2-type2', title: 'SOC 2 Type 2 2026', metadata: soc2, blob: blob(1), by: 'ana', now: new Date('2026-12-01T09:00:00Z') } }).then([uploaded]);
    });

    it('refuses metadata the type does not accept, naming every field', () => {
      spec
        .given([])
        .when({ type: 'UploadEvidence', data: { evidenceId, typeId: 'soc2-type2', title: 't', metadata: { periodStart: '2026-01-01', periodEnd: '2026-03-31' }, blob: blob(1), by: 'ana', now } })
        .thenThrows(EvidenceRuleError, (e) => expect(e.problems.map((p) => p.field)).toEqual(['issuer', 'scope', 'periodEnd']));
    });

    it('a document whose validity already ended is recorded expired, at once', () => {
      const old = { ...soc2, periodStart: '2024-01-01', periodEnd: '2024-09-30' };
      spec.given([]).when({ type: 'UploadEvidence', data: { evidenceId, typeId: 'soc2-type2', title: 't', metadata: old, blob: blob(1), by: 'ana', now } }).then([
        { type: 'EvidenceUploaded', data: { evidenceId, revision: 1, typeId: 'soc2-type2', title: 't', metadata: old, validity: { effectiveOn: '2024-09-30', expiresOn: '2025-09-30', expiresAt: '2025-10-01T00:00:00.000Z' }, blob: blob(1), uploadedBy: 'ana', uploadedAt: at } },
        { type: 'EvidenceExpired', data: { evidenceId, revision: 1, expiresAt: '2025-10-01T00:00:00.000Z', expiredAt: at } },
      ]);
    });

    it('refuses a report dated in the future', () => {
      const future = { ...soc2, periodStart: '2098-01-01', periodEnd: '2098-12-31' };
      spec.given([]).when({ type: 'UploadEvidence', data: { evidenceId, typeId: 'soc2-type2', title: 't', metadata: future, blob: blob(1), by: 'ana', now } }).thenThrows(EvidenceRuleError, code('invalid-metadata'));
    });

    it('refuses an evidence id that exists', () => {
      spec.given([uploaded]).when({ type: 'UploadEvidence', data: { evidenceId, typeId: 'soc2-type2', title: 't', metadata: soc2, blob: blob(2), by: 'ana', now } }).thenThrows(EvidenceRuleError, code('already-exists'));
    });
  });

  describe('revise', () => {
    const next = { ...soc2, periodStart: '2026-03-01', periodEnd: '2026-11-30' };
    it('adds a revision with its own blob and validity, waiting for review again', () => {
      spec
        .given([uploaded, verified])
        .when({ type: 'ReviseEvidence', data: { evidenceId, typeId: 'soc2-type2', metadata: next, blob: blob(2), by: 'ana', now } })
        .then([
          {
            type: 'EvidenceRevised',
            data: { evidenceId, revision: 2, typeId: 'soc2-type2', title: 'SOC 2 Type 2 2026', metadata: next, validity: { effectiveOn: '2026-11-30', expiresOn: '2027-11-30', expiresAt: '2027-12-01T00:00:00.000Z' }, blob: blob(2), revisedBy: 'ana', revisedAt: at },
          },
        ]);
    });

    it('keeps the type: a revision of a SOC 2 report is a SOC 2 report', () => {
      spec.given([uploaded]).when({ type: 'ReviseEvidence', data: { evidenceId, typeId: 'model-card', metadata: {}, blob: blob(2), by: 'ana', now } }).thenThrows(EvidenceRuleError, code('type-mismatch'));
    });

    it('refuses evidence that does not exist', () => {
      spec.given([]).when({ type: 'ReviseEvidence', data: { evidenceId, typeId: 'soc2-type2', metadata: soc2, blob: blob(2), by: 'ana', now } }).thenThrows(EvidenceRuleError, code('not-found'));
    });
  });

  describe('verify and reject', () => {
    it('a reviewer verifies the current revision', () => {
      spec.given([uploaded]).when({ type: 'VerifyEvidence', data: { evidenceId, revision: 1, by: 'rui', now } }).then([verified]);
    });

    it('the uploader cannot verify their own document (four eyes)', () => {
      spec.given([uploaded]).when({ type: 'VerifyEvidence', data: { evidenceId, revision: 1, by: 'ana', now } }).thenThrows(EvidenceRuleError, code('four-eyes'));
    });

    it('only the current revision is reviewed', () => {
      const revised: EvidenceEvent = { type: 'EvidenceRevised', data: { ...uploaded.data, revision: 2, blob: blob(2), revisedBy: 'ana', revisedAt: at } as never };
      spec.given([uploaded, revised]).when({ type: 'VerifyEvidence', data: { evidenceId, revision: 1, by: 'rui', now } }).thenThrows(EvidenceRuleError, code('not-current-revision'));
    });

    it('verifying twice changes nothing', () => {
      spec.given([uploaded, verified]).when({ type: 'VerifyEvidence', data: { evidenceId, revision: 1, by: 'rui', now } }).then([]);
    });

    it('expired evidence cannot be verified, also between its expiry instant and the job', () => {
      spec.given([uploaded, expired]).when({ type: 'VerifyEvidence', data: { evidenceId, revision: 1, by: 'rui', now } }).thenThrows(EvidenceRuleError, code('expired'));
      spec.given([uploaded]).when({ type: 'VerifyEvidence', data: { evidenceId, revision: 1, by: 'rui', now: new Date(soc2Validity.expiresAt) } }).thenThrows(EvidenceRuleError, code('expired'));
    });

    it('a rejection needs a reason, and may withdraw a verification', () => {
      spec.given([uploaded]).when({ type: 'RejectEvidence', data: { evidenceId, revision: 1, reason: '  ', by: 'rui', now } }).thenThrows(EvidenceRuleError, code('reason-required'));
      spec
        .given([uploaded, verified])
        .when({ type: 'RejectEvidence', data: { evidenceId, revision: 1, reason: 'the report excludes the claims platform', by: 'rui', now } })
        .then([{ type: 'EvidenceRejected', data: { evidenceId, revision: 1, rejectedBy: 'rui', rejectedAt: at, reason: 'the report excludes the claims platform' } }]);
    });

    it('a rejected revision is not verified later: a new revision is', () => {
      const rejected: EvidenceEvent = { type: 'EvidenceRejected', data: { evidenceId, revision: 1, rejectedBy: 'rui', rejectedAt: at, reason: 'scope' } };
      spec.given([uploaded, rejected]).when({ type: 'VerifyEvidence', data: { evidenceId, revision: 1, by: 'rui', now } }).thenThrows(EvidenceRuleError, code('already-reviewed'));
    });
  });

  describe('validity', () => {
    it('shortens the current revision\'s validity', () => {
      spec
        .given([uploaded])
        .when({ type: 'ChangeValidity', data: { evidenceId, validUntil: '2027-03-31', by: 'ana', now } })
        .then([{ type: 'EvidenceValidityChanged', data: { evidenceId, revision: 1, validity: { effectiveOn: '2026-09-30', expiresOn: '2027-03-31', expiresAt: '2027-04-01T00:00:00.000Z' }, validUntil: '2027-03-31', changedBy: 'ana', changedAt: at } }]);
    });

    it('writing the same expiry instant another way after it passed leaves the evidence expired', () => {
      const later = new Date('2027-10-05T00:00:00Z');
      const sameInstant: EvidenceEvent = { type: 'EvidenceValidityChanged', data: { evidenceId, revision: 1, validity: { effectiveOn: '2026-09-30', expiresOn: '2027-10-01', expiresAt: '2027-10-01T00:00:00.000Z' }, validUntil: '2027-10-01T00:00:00Z', changedBy: 'ana', changedAt: later.toISOString() } };
      spec.given([uploaded, expired]).when({ type: 'ChangeValidity', data: { evidenceId, validUntil: '2027-10-01T00:00:00Z', by: 'ana', now: later } }).then([sameInstant]);
      spec.given([uploaded, expired, sameInstant]).when({ type: 'VerifyEvidence', data: { evidenceId, revision: 1, by: 'rui', now: later } }).thenThrows(EvidenceRuleError, code('expired'));
    });

    it('never extends it beyond what the type allows', () => {
      spec.given([uploaded]).when({ type: 'ChangeValidity', data: { evidenceId, validUntil: '2028-01-01', by: 'ana', now } }).thenThrows(EvidenceRuleError, code('invalid-metadata'));
    });

    it('back to the type\'s default when the shortening is withdrawn; nothing when nothing changes', () => {
      const shortened: EvidenceEvent = { type: 'EvidenceValidityChanged', data: { evidenceId, revision: 1, validity: { effectiveOn: '2026-09-30', expiresOn: '2027-03-31', expiresAt: '2027-04-01T00:00:00.000Z' }, validUntil: '2027-03-31', changedBy: 'ana', changedAt: at } };
      spec.given([uploaded, shortened]).when({ type: 'ChangeValidity', data: { evidenceId, by: 'ana', now } }).then([{ type: 'EvidenceValidityChanged', data: { evidenceId, revision: 1, validity: soc2Validity, changedBy: 'ana', changedAt: at } }]);
      spec.given([uploaded]).when({ type: 'ChangeValidity', data: { evidenceId, by: 'ana', now } }).then([]);
    });
  });

  describe('link and unlink', () => {
    it('links to an item of any framework, once', () => {
      const linked: EvidenceEvent = { type: 'EvidenceLinked', data: { evidenceId, ...link, linkedBy: 'ana', linkedAt: at } };
      spec.given([uploaded]).when({ type: 'LinkEvidence', data: { evidenceId, link, by: 'ana', now } }).then([linked]);
      spec.given([uploaded, linked]).when({ type: 'LinkEvidence', data: { evidenceId, link, by: 'ana', now } }).then([]);
      const other = { assessmentId: 'a2', nodeId: 'GOV-PC-A-1', frameworkId: 'owasp-aima', frameworkVersion: '1.0' };
      spec.given([uploaded, linked]).when({ type: 'LinkEvidence', data: { evidenceId, link: other, by: 'ana', now } }).then([{ type: 'EvidenceLinked', data: { evidenceId, ...other, linkedBy: 'ana', linkedAt: at } }]);
    });

    it('unlinks what is linked, and says so when it is not', () => {
      const linked: EvidenceEvent = { type: 'EvidenceLinked', data: { evidenceId, ...link, linkedBy: 'ana', linkedAt: at } };
      spec.given([uploaded, linked]).when({ type: 'UnlinkEvidence', data: { evidenceId, link: { assessmentId: 'a1', nodeId: 'S2.a' }, by: 'rui', now } }).then([{ type: 'EvidenceUnlinked', data: { evidenceId, ...link, unlinkedBy: 'rui', unlinkedAt: at } }]);
      spec.given([uploaded]).when({ type: 'UnlinkEvidence', data: { evidenceId, link: { assessmentId: 'a1', nodeId: 'S2.a' }, by: 'rui', now } }).thenThrows(EvidenceRuleError, code('not-linked'));
    });
  });

  describe('expiry and reminders (asked by jobs; the stream decides)', () => {
    const expiresAt = soc2Validity.expiresAt;
    const whenExpiry = (nowAt: string, planned = expiresAt) => ({ type: 'ExpireEvidence' as const, data: { evidenceId, plannedExpiresAt: planned, now: new Date(nowAt) } });

    it('expires at the planned instant, once', () => {
      spec.given([uploaded, verified]).when(whenExpiry(expiresAt)).then([{ type: 'EvidenceExpired', data: { evidenceId, revision: 1, expiresAt, expiredAt: expiresAt } }]);
      spec.given([uploaded, verified, expired]).when(whenExpiry('2027-10-02T00:00:00Z')).then([]);
    });

    it('does nothing for a job fired early or planned for an expiry that has moved', () => {
      spec.given([uploaded]).when(whenExpiry('2027-09-30T23:59:59Z')).then([]);
      const shortened: EvidenceEvent = { type: 'EvidenceValidityChanged', data: { evidenceId, revision: 1, validity: { effectiveOn: '2026-09-30', expiresOn: '2027-03-31', expiresAt: '2027-04-01T00:00:00.000Z' }, validUntil: '2027-03-31', changedBy: 'ana', changedAt: at } };
      spec.given([uploaded, shortened]).when(whenExpiry('2027-10-01T00:00:00Z')).then([]);
      spec.given([uploaded, shortened]).when(whenExpiry('2027-04-01T00:00:00Z', '2027-04-01T00:00:00.000Z')).then([{ type: 'EvidenceExpired', data: { evidenceId, revision: 1, expiresAt: '2027-04-01T00:00:00.000Z', expiredAt: '2027-04-01T00:00:00.000Z' } }]);
    });

    it('reminds 30 and 7 days before, each once, and not after expiry', () => {
      const remind = (days: 30 | 7, nowAt: string) => ({ type: 'RemindExpiry' as const, data: { evidenceId, plannedExpiresAt: expiresAt, daysBefore: days, now: new Date(nowAt) } });
      const reminded30: EvidenceEvent = { type: 'EvidenceExpiryReminded', data: { evidenceId, revision: 1, expiresAt, daysBefore: 30, remindedAt: '2027-09-01T00:00:00.000Z' } };
      spec.given([uploaded]).when(remind(30, '2027-09-01T00:00:00Z')).then([reminded30]);
      spec.given([uploaded, reminded30]).when(remind(30, '2027-09-02T00:00:00Z')).then([]);
      spec.given([uploaded]).when(remind(30, '2027-08-31T23:00:00Z')).then([]);
      spec.given([uploaded, reminded30]).when(remind(7, '2027-09-24T00:00:00Z')).then([{ type: 'EvidenceExpiryReminded', data: { evidenceId, revision: 1, expiresAt, daysBefore: 7, remindedAt: '2027-09-24T00:00:00.000Z' } }]);
      spec.given([uploaded, expired]).when(remind(7, '2027-10-02T00:00:00Z')).then([]);
    });

    it('a new revision is valid again and expires on its own date', () => {
      const next = { ...soc2, periodStart: '2027-01-01', periodEnd: '2027-09-30' };
      const revised: EvidenceEvent = { type: 'EvidenceRevised', data: { evidenceId, revision: 2, typeId: 'soc2-type2', title: 't', metadata: next, validity: { effectiveOn: '2027-09-30', expiresOn: '2028-09-30', expiresAt: '2028-10-01T00:00:00.000Z' }, blob: blob(2), revisedBy: 'ana', revisedAt: at } };
      spec.given([uploaded, expired, revised]).when(whenExpiry('2028-10-01T00:00:00Z', '2028-10-01T00:00:00.000Z')).then([{ type: 'EvidenceExpired', data: { evidenceId, revision: 2, expiresAt: '2028-10-01T00:00:00.000Z', expiredAt: '2028-10-01T00:00:00.000Z' } }]);
    });
  });
});

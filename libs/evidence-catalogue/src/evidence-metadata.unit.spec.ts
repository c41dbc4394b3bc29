import { EVIDENCE_TYPE_IDS } from '@assay/frameworks';
import { InvalidEvidenceMetadataError, evidenceValidity } from './evidence-metadata';
import { EVIDENCE_TYPES } from './evidence-types';

const problems = (run: () => unknown) => {
  try {
    run();
  } catch (error) {
    if (error instanceof InvalidEvidenceMetadataError) return error.problems.map((p) => p.field);
    throw error;
  }
  throw new Error('accepted');
};

describe('evidence types and their validity', () => {
  it('has rules for every evidence type of the catalogue, with the catalogue\'s validity periods', () => {
    expect([...EVIDENCE_TYPES.keys()].sort()).toEqual([...EVIDENCE_TYPE_IDS].sort());
    expect(EVIDENCE_TYPES.get('iso27001-certificate')).toMatchObject({ validityMonths: 36, effectiveFrom: 'issuedOn' });
    expect(EVIDENCE_TYPES.get('soc2-type2')).toMatchObject({ validityMonths: 12, effectiveFrom: 'periodEnd', period: { minMonths: 6, maxMonths: 12 } });
    expect(EVIDENCE_TYPES.get('model-card')?.validityMonths).toBeUndefined();
  });

  it('runs validity from the document\'s own effective date: a SOC 2 Type 2 from its period end, a certificate from its issue date', () => {
    expect(evidenceValidity('soc2-type2', { issuer: 'Audit LLP', scope: 'Claims platform', periodStart: '2026-01-01', periodEnd: '2026-09-30' })).toEqual({ effectiveOn: '2026-09-30', expiresOn: '2027-09-30', expiresAt: '2027-10-01T00:00:00.000Z' });
    expect(evidenceValidity('iso27001-certificate', { issuer: 'BSI', scope: 'HQ', standardVersion: '2022', issuedOn: '2025-01-31' })).toEqual({ effectiveOn: '2025-01-31', expiresOn: '2028-01-31', expiresAt: '2028-02-01T00:00:00.000Z' });
    expect(evidenceValidity('hipaa-report', { issuer: 'x', scope: 'y', reportDate: '2024-02-29' })).toEqual({ effectiveOn: '2024-02-29', expiresOn: '2025-02-28', expiresAt: '2025-03-01T00:00:00.000Z' }); // annual, month end kept
    expect(evidenceValidity('model-card', { issuer: 'Acme', scope: 'fraud-v3', issuedOn: '2026-03-01' })).toEqual({ effectiveOn: '2026-03-01' }); // valid until revised
  });

  it('lets the uploader shorten the validity, never extend it', () => {
    const cert = { issuer: 'BSI', scope: 'HQ', standardVersion: '2023', issuedOn: '2025-01-31' };
    expect(evidenceValidity('iso42001-certificate', { ...cert, validUntil: '2026-06-30' }).expiresOn).toBe('2026-06-30');
    expect(problems(() => evidenceValidity('iso42001-certificate', { ...cert, validUntil: '2028-02-01' }))).toEqual(['validUntil']);
    expect(problems(() => evidenceValidity('iso42001-certificate', { ...cert, validUntil: '2025-01-01' }))).toEqual(['validUntil']);
  });

  it('takes an instant as validity, for short-lived documents, within the same bounds', () => {
    const card = { issuer: 'Acme', scope: 'fraud-v3', issuedOn: '2026-03-01' };
    expect(evidenceValidity('model-card', { ...card, validUntil: '2026-03-01T12:30:00+01:00' })).toEqual({ effectiveOn: '2026-03-01', expiresOn: '2026-03-01', expiresAt: '2026-03-01T11:30:00.000Z' });
    expect(problems(() => evidenceValidity('model-card', { ...card, validUntil: '2026-02-28T23:59:59Z' }))).toEqual(['validUntil']);
    expect(problems(() => evidenceValidity('model-card', { ...card, validUntil: '2026-03-02 10:00' }))).toEqual(['validUntil']);
    expect(problems(() => evidenceValidity('model-card', { ...card, validUntil: '2026-02-30T10:00:00Z' }))).toEqual(['validUntil']);
    const cert = { issuer: 'BSI', scope: 'HQ', standardVersion: '2023', issuedOn: '2025-01-31' };
    expect(problems(() => evidenceValidity('iso42001-certificate', { ...cert, validUntil: '2028-02-01T00:00:01Z' }))).toEqual(['validUntil']);
  });

  it('refuses a SOC 2 Type 2 whose observation period is not 6–12 months', () => {
    const report = { issuer: 'Audit LLP', scope: 'Claims platform', periodStart: '2026-01-01' };
    expect(problems(() => evidenceValidity('soc2-type2', { ...report, periodEnd: '2026-05-31' }))).toEqual(['periodEnd']);
    expect(problems(() => evidenceValidity('soc2-type2', { ...report, periodEnd: '2027-01-02' }))).toEqual(['periodEnd']);
    expect(evidenceValidity('soc2-type2', { ...report, periodEnd: '2026-07-01' }).expiresOn).toBe('2027-07-01');
  });

  it('refuses a document dated in the future, which would stretch its validity', () => {
    const now = new Date('2026-12-02T10:00:00Z');
    const report = { issuer: 'Audit LLP', scope: 'Claims platform', periodStart: '2098-01-01', periodEnd: '2098-12-31' };
    expect(problems(() => evidenceValidity('soc2-type2', report, now))).toEqual(['periodEnd']);
    expect(evidenceValidity('model-card', { issuer: 'a', scope: 'b', issuedOn: '2026-12-03' }, now).effectiveOn).toBe('2026-12-03'); // a day of clock skew
  });

  it('reports every missing or wrong field at once', () => {
    expect(problems(() => evidenceValidity('iso27001-certificate', { standardVersion: '2005', issuedOn: '2025-02-30' }))).toEqual(['issuer', 'scope', 'standardVersion', 'issuedOn']);
    expect(problems(() => evidenceValidity('no-such-type', {}))).toEqual(['type']);
  });
});

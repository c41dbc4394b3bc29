import { EVIDENCE_TYPES, EvidenceTypeRules } from './evidence-types';

/** What an uploader says about a document; dates are YYYY-MM-DD. */
export interface EvidenceMetadataInput {
  issuer?: string;
  scope?: string;
  standardVersion?: string;
  periodStart?: string;
  periodEnd?: string;
  reportDate?: string;
  issuedOn?: string;
  completedOn?: string;
  effectiveOn?: string;
  /**
   * A shorter validity than the type allows; never a longer one. A day (valid through its end, UTC)
   * or an RFC 3339 instant (e.g. a short-lived attestation).
   */
  validUntil?: string;
}

export interface MetadataProblem {
  field: string;
  message: string;
}

export class InvalidEvidenceMetadataError extends Error {
  constructor(
    readonly typeId: string,
    readonly problems: MetadataProblem[],
  ) {
    super(`${typeId}: ${problems.map((p) => `${p.field}: ${p.message}`).join('; ')}`);
    this.name = 'InvalidEvidenceMetadataError';
  }
}

export interface EvidenceValidity {
  effectiveOn: string;
  /** The last day it is valid; undefined: valid until revised (a model card, a statement of applicability). */
  expiresOn?: string;
  /** The instant it stops being valid: the end of expiresOn (UTC), or the instant the uploader gave. */
  expiresAt?: string;
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const parse = (day: string) => new Date(`${day}T00:00:00Z`);
const isDay = (value: unknown): value is string => typeof value === 'string' && DAY.test(value) && !Number.isNaN(parse(value).getTime()) && parse(value).toISOString().startsWith(value);
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;
/** An RFC 3339 instant on a day the calendar has (no 30 February) at a real time of day. */
export const isInstant = (value: unknown): value is string =>
  typeof value === 'string' && INSTANT.test(value) && isDay(value.slice(0, 10)) && Number(value.slice(11, 13)) < 24 && Number(value.slice(14, 16)) < 60 && Number(value.slice(17, 19)) < 60 && !Number.isNaN(new Date(value).getTime());
const endOfDay = (day: string) => new Date(parse(day).getTime() + 86_400_000).toISOString();

function addMonths(day: string, months: number): string {
  const d = parse(day);
  const target = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + months, 1));
  // The same day of the month, or the last one when the month is shorter (31 Jan + 1 month = 28/29 Feb).
  const last = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(d.getUTCDate(), last));
  return target.toISOString().slice(0, 10);
}

/**
 * Checks a document's metadata against its type and works out until when it is valid: from the
 * document's own effective date (never the upload date), for the type's validity at most; the
 * uploader may shorten it. Every problem is reported at once. Given `now`, a document dated in the
 * future (beyond a day's clock skew) is refused: it would stretch its validity past what the type allows.
 */
export function evidenceValidity(typeId: string, input: EvidenceMetadataInput, now?: Date): EvidenceValidity {
  const type: EvidenceTypeRules | undefined = EVIDENCE_TYPES.get(typeId);
  if (!type) throw new InvalidEvidenceMetadataError(typeId, [{ field: 'type', message: `unknown evidence type; one of ${[...EVIDENCE_TYPES.keys()].join(', ')}` }]);
  const problems: MetadataProblem[] = [];
  for (const field of type.requires) if (!input[field]?.trim()) problems.push({ field, message: 'required for this type' });
  if (type.standardVersions && input.standardVersion && !type.standardVersions.includes(input.standardVersion)) {
    problems.push({ field: 'standardVersion', message: `must be one of ${type.standardVersions.join(', ')}` });
  }
  const effectiveOn = input[type.effectiveFrom];
  if (!isDay(effectiveOn)) problems.push({ field: type.effectiveFrom, message: 'required, as YYYY-MM-DD (the date validity runs from)' });
  else if (now && effectiveOn > new Date(now.getTime() + 86_400_000).toISOString().slice(0, 10)) problems.push({ field: type.effectiveFrom, message: 'lies in the future; a document is uploaded once it is issued' });
  if (type.period) {
    if (!isDay(input.periodStart)) problems.push({ field: 'periodStart', message: 'required, as YYYY-MM-DD' });
    else if (isDay(input.periodEnd)) {
      const earliest = addMonths(input.periodStart, type.period.minMonths);
      const latest = addMonths(input.periodStart, type.period.maxMonths);
      if (input.periodEnd < earliest || input.periodEnd > latest) {
        problems.push({ field: 'periodEnd', message: `the observation period lasts ${type.period.minMonths}–${type.period.maxMonths} months: it ends between ${earliest} and ${latest}` });
      }
    }
  }
  let expiresOn = isDay(effectiveOn) && type.validityMonths !== undefined ? addMonths(effectiveOn, type.validityMonths) : undefined;
  let expiresAt = expiresOn ? endOfDay(expiresOn) : undefined;
  if (input.validUntil !== undefined) {
    const until = isDay(input.validUntil) ? endOfDay(input.validUntil) : isInstant(input.validUntil) ? new Date(input.validUntil).toISOString() : undefined;
    if (!until) problems.push({ field: 'validUntil', message: 'must be YYYY-MM-DD or an RFC 3339 instant' });
    // A day must come after the effective day; an instant, after that day began.
    else if (isDay(effectiveOn) && until <= (isDay(input.validUntil) ? endOfDay(effectiveOn) : parse(effectiveOn).toISOString())) problems.push({ field: 'validUntil', message: `must be after ${effectiveOn}` });
    else if (expiresAt && until > expiresAt) problems.push({ field: 'validUntil', message: `may shorten the validity, not extend it beyond ${expiresOn} (${type.validityMonths} months from ${type.effectiveFrom})` });
    else {
      expiresAt = until;
      expiresOn = isDay(input.validUntil) ? input.validUntil : until.slice(0, 10);
    }
  }
  if (problems.length) throw new InvalidEvidenceMetadataError(typeId, problems);
  return { effectiveOn: effectiveOn as string, ...(expiresOn && expiresAt ? { expiresOn, expiresAt } : {}) };
}

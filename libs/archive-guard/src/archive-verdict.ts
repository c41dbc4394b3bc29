/** Why an archive was refused; stable codes that callers may map to their own errors. */
export type ArchiveRefusalReason =
  | 'not-a-zip'
  | 'ambiguous-layout'
  | 'too-many-entries'
  | 'too-large'
  | 'compression-ratio'
  | 'declared-size-mismatch'
  | 'unsupported-entry'
  | 'corrupt-entry';

export interface ArchiveAccepted {
  accepted: true;
  entries: number;
  /** Bytes actually produced by inflating every entry. */
  inflatedBytes: number;
}

export interface ArchiveRefused {
  accepted: false;
  reason: ArchiveRefusalReason;
  /** A sentence for a person: names the entry and the limit or lie that refused it. */
  message: string;
  entry?: string;
}

export type ArchiveVerdict = ArchiveAccepted | ArchiveRefused;

/** Thrown by `assertArchiveAcceptable`; carries the same reason and message as the verdict. */
export class ArchiveRefusedError extends Error {
  readonly reason: ArchiveRefusalReason;
  readonly entry: string | undefined;

  constructor(refusal: Omit<ArchiveRefused, 'accepted'>) {
    super(refusal.message);
    this.name = 'ArchiveRefusedError';
    this.reason = refusal.reason;
    this.entry = refusal.entry;
  }
}

export const refused = (reason: ArchiveRefusalReason, message: string, entry?: string): ArchiveRefused => ({ accepted: false, reason, message, entry });

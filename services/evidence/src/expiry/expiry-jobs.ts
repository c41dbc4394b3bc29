import { ReminderDays } from '../domain/evidence.events';

export const EXPIRY_QUEUE = 'evidence-expiry';
const DAY_MS = 86_400_000;
export const REMINDER_DAYS: readonly ReminderDays[] = [30, 7];

export type ExpiryJobKind = 'expire' | 'remind-30' | 'remind-7';

export interface ExpiryJobData {
  tenantId: string;
  evidenceId: string;
  /** The expiry this job was planned for; the stream decides whether it still holds. */
  expiresAt: string;
  kind: ExpiryJobKind;
}

export interface PlannedJob {
  jobId: string;
  data: ExpiryJobData;
  dueAt: number;
}

/**
 * One id per evidence, kind and expiry instant: planning the same expiry twice adds nothing (BullMQ
 * keeps the first job of an id), and the jobs of an expiry that moved are found to remove them.
 */
export const jobIdOf = (evidenceId: string, kind: ExpiryJobKind, expiresAt: string) => `${kind}.${evidenceId}.${Date.parse(expiresAt)}`;

/** How many days before the expiry a job is due (0 for the expiry itself). */
export const daysBeforeOf = (kind: ExpiryJobKind): number => (kind === 'expire' ? 0 : Number(kind.split('-')[1]));

/** When a job's command can first succeed. */
export const dueAtOf = (kind: ExpiryJobKind, expiresAt: string): number => Date.parse(expiresAt) - daysBeforeOf(kind) * DAY_MS;

/**
 * The jobs an expiry needs, seen at `now`: the expiry itself always (at once when already past),
 * and each reminder whose moment is still ahead — a reminder 30 days before a validity of 20 days
 * would only be noise.
 */
export function jobsFor(tenantId: string, evidenceId: string, expiresAt: string, now: number): PlannedJob[] {
  const at = Date.parse(expiresAt);
  const job = (kind: ExpiryJobKind): PlannedJob => ({ jobId: jobIdOf(evidenceId, kind, expiresAt), data: { tenantId, evidenceId, expiresAt, kind }, dueAt: dueAtOf(kind, expiresAt) });
  const reminders = REMINDER_DAYS.map((days) => job(`remind-${days}`)).filter((j) => j.dueAt > now && j.dueAt < at);
  return [...reminders, job('expire')];
}

/** Every job id an expiry may have had, to remove them when it moves. */
export const jobIdsFor = (evidenceId: string, expiresAt: string): string[] => (['expire', 'remind-30', 'remind-7'] as const).map((kind) => jobIdOf(evidenceId, kind, expiresAt));

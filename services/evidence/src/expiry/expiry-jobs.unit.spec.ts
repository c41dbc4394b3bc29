import { jobIdOf, jobsFor } from './expiry-jobs';

const expiresAt = '2027-10-01T00:00:00.000Z';
const at = Date.parse(expiresAt);
const DAY = 86_400_000;

describe('expiry jobs', () => {
  it('plans reminders 30 and 7 days before, and the expiry itself', () => {
    const jobs = jobsFor('t', 'e', expiresAt, at - 60 * DAY);
    expect(jobs.map((j) => [j.data.kind, (at - j.dueAt) / DAY])).toEqual([['remind-30', 30], ['remind-7', 7], ['expire', 0]]);
  });

  it('skips reminders already past, and still plans an expiry that is due', () => {
    expect(jobsFor('t', 'e', expiresAt, at - 20 * DAY).map((j) => j.data.kind)).toEqual(['remind-7', 'expire']);
    expect(jobsFor('t', 'e', expiresAt, at + DAY).map((j) => j.data.kind)).toEqual(['expire']);
  });

  it('names a job by evidence, kind and expiry, so re-planning the same expiry adds nothing and a moved one gets new ids', () => {
    expect(jobIdOf('e', 'expire', expiresAt)).toBe(jobIdOf('e', 'expire', '2027-10-01T00:00:00Z'));
    expect(jobIdOf('e', 'expire', expiresAt)).not.toBe(jobIdOf('e', 'expire', '2027-04-01T00:00:00.000Z'));
    expect(jobIdOf('e', 'expire', expiresAt)).not.toContain(':'); // BullMQ refuses custom ids with its separator
  });
});

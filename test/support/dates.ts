/** The UTC day `n` days before now, YYYY-MM-DD: specs date documents relative to today, so they never go stale. */
export const daysAgo = (n: number): string => new Date(Date.now() - n * 86_400_000).toISOString().slice(0, 10);

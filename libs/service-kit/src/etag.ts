import { HttpStatus } from '@nestjs/common';
import { ProblemError } from './problem-details';

/** Stream versions travel as weak ETags: W/"7". */
export const etagOf = (version: number) => `W/"${version}"`;

export function versionFromIfMatch(header: string | undefined): number | undefined {
  if (header === undefined) return undefined;
  const match = /^(?:W\/)?"(\d+)"$/.exec(header.trim());
  if (!match) throw new ProblemError(HttpStatus.BAD_REQUEST, 'validation', 'Invalid If-Match', 'If-Match must be an ETag returned by this API, e.g. W/"3"');
  return Number(match[1]);
}

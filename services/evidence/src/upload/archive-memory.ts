import { HttpStatus } from '@nestjs/common';
import { ProblemError } from '@assay/service-kit';

/**
 * Zips are held in memory while the archive guard reads them (their directory is at their end),
 * each up to its tenant's cap; this bounds what all uploads in the process hold together, so many
 * large archives at once are asked to retry instead of exhausting the process.
 */
export class ArchiveMemory {
  private held = 0;

  constructor(readonly budgetBytes = Number(process.env.EVIDENCE_ARCHIVE_MEMORY_BYTES ?? 256 * 1024 * 1024)) {}

  reserve(bytes: number): void {
    if (this.held + bytes > this.budgetBytes) {
      throw new ProblemError(HttpStatus.SERVICE_UNAVAILABLE, 'busy', 'Busy checking archives', 'too many archives are being checked at once; retry shortly', { retryAfterSeconds: 5 });
    }
    this.held += bytes;
  }

  release(bytes: number): void {
    this.held -= bytes;
  }
}

export const archiveMemory = new ArchiveMemory();

import { HttpStatus } from '@nestjs/common';
import { describeBytes } from '@assay/archive-guard';
import { ProblemError } from '@assay/service-kit';

/** The upload passed the tenant's cap; thrown while streaming, before the rest is read. */
export class UploadTooLargeProblem extends ProblemError {
  constructor(maxBytes: number) {
    super(HttpStatus.PAYLOAD_TOO_LARGE, 'upload-too-large', 'Upload too large', `uploads are limited to ${describeBytes(maxBytes)} for this tenant`, { maxBytes });
  }
}

export class UnsupportedContentProblem extends ProblemError {
  constructor(detail: string) {
    super(HttpStatus.UNSUPPORTED_MEDIA_TYPE, 'unsupported-content', 'Content not accepted', `${detail}; accepted: PDF, PNG, JPEG, DOCX, XLSX, PPTX, ZIP, JSON, plain text or Markdown, decided from the file's bytes`);
  }
}

export class ArchiveRefusedProblem extends ProblemError {
  constructor(reason: string, detail: string) {
    super(HttpStatus.UNPROCESSABLE_ENTITY, 'archive-refused', 'Archive refused', detail, { reason });
  }
}

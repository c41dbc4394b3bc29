/**
 * What a file is, decided from its bytes alone (never its name or the declared type): the kinds of
 * documents evidence comes as. Zips are told apart (DOCX, XLSX, PPTX, plain ZIP) once the archive
 * guard has read them whole (see office-kind.ts).
 */
export type DetectedKind = 'pdf' | 'png' | 'jpeg' | 'zip' | 'json' | 'markdown' | 'text';

export const CONTENT_TYPES: Record<DetectedKind, string> = {
  pdf: 'application/pdf',
  png: 'image/png',
  jpeg: 'image/jpeg',
  zip: 'application/zip',
  json: 'application/json',
  markdown: 'text/markdown',
  text: 'text/plain',
};

/** Bytes read before deciding: enough for every signature and a fair sample of text. */
export const SNIFF_BYTES = 8 * 1024;

const startsWith = (head: Buffer, ...bytes: number[]) => head.length >= bytes.length && bytes.every((b, i) => head[i] === b);

/** Control characters that never occur in text documents (tab, newlines and form feed do). */
const BINARY_CONTROL = /[\u0000-\u0008\u000B\u000E-\u001F\u007F]/;

/**
 * The kind of a file from its first bytes (all of them when shorter than SNIFF_BYTES), or
 * undefined when it is none of the accepted kinds. Text is accepted only as UTF-8 without binary
 * control characters; the rest of a text file is checked as it streams (textChecker).
 */
export function sniffKind(head: Buffer): DetectedKind | undefined {
  if (startsWith(head, 0x25, 0x50, 0x44, 0x46, 0x2d)) return 'pdf'; // %PDF-
  if (startsWith(head, 0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a)) return 'png';
  if (startsWith(head, 0xff, 0xd8, 0xff)) return 'jpeg';
  if (startsWith(head, 0x50, 0x4b, 0x03, 0x04) || startsWith(head, 0x50, 0x4b, 0x05, 0x06)) return 'zip'; // local header, or an empty archive
  const text = decodeHead(head);
  if (text === undefined || text.length === 0 || BINARY_CONTROL.test(text)) return undefined;
  const body = text.replace(/^\uFEFF/, '').trimStart();
  if (body.startsWith('{') || body.startsWith('[')) return 'json';
  if (/^(#{1,6} |```|[-*] |\d+\. )/m.test(body)) return 'markdown';
  return 'text';
}

/** The head as UTF-8, allowing a character cut at its end; undefined when it is not UTF-8. */
function decodeHead(head: Buffer): string | undefined {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(head, { stream: true });
  } catch {
    return undefined;
  }
}

/** Checks the whole of a text file as it streams: UTF-8 throughout, no binary control characters. */
export function textChecker(): { push(chunk: Buffer): boolean; end(): boolean } {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  const ok = (decode: () => string) => {
    try {
      return !BINARY_CONTROL.test(decode());
    } catch {
      return false;
    }
  };
  return { push: (chunk) => ok(() => decoder.decode(chunk, { stream: true })), end: () => ok(() => decoder.decode()) };
}

import { HttpStatus } from '@nestjs/common';
import busboy from 'busboy';
import { Request, Response } from 'express';
import { Readable } from 'node:stream';
import { ProblemError } from '@assay/service-kit';
import { UploadTooLargeProblem } from '../upload/upload-errors';

/** Room for the multipart framing and the metadata part around the file itself. */
const ENVELOPE_BYTES = 64 * 1024;

const badRequest = (detail: string) => new ProblemError(HttpStatus.BAD_REQUEST, 'invalid-upload', 'Upload is not in the expected form', detail);

/**
 * A multipart/form-data upload of one evidence file: a `metadata` part (JSON) first, then the
 * `file` part. The metadata is handed over, and may be refused, before any byte of the file is
 * read; `onFile` then streams the file. A request whose declared length already passes the cap is
 * refused before its body is read at all.
 *
 * A refusal mid-upload answers at once and closes the connection, so the client's remaining bytes
 * are never read (Node would otherwise read a body to its end to keep the connection alive).
 */
export async function receiveMultipart<T>(request: Request, response: Response, maxBytes: number, onFile: (metadata: string, file: Readable, fileName: string) => Promise<T>): Promise<T> {
  try {
    const declared = Number(request.headers['content-length']);
    if (Number.isFinite(declared) && declared > maxBytes + ENVELOPE_BYTES) throw new UploadTooLargeProblem(maxBytes);
    if (!request.headers['content-type']?.startsWith('multipart/form-data')) throw badRequest('send multipart/form-data with a "metadata" part (JSON) followed by a "file" part');
    return await parse(request, onFile);
  } catch (error) {
    closeAfterResponse(request, response);
    throw error;
  }
}

function parse<T>(request: Request, onFile: (metadata: string, file: Readable, fileName: string) => Promise<T>): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    let parser: busboy.Busboy;
    try {
      parser = busboy({ headers: request.headers, limits: { files: 1, fields: 1, fieldSize: ENVELOPE_BYTES } });
    } catch (error) {
      return reject(badRequest((error as Error).message));
    }
    let metadata: string | undefined;
    let handling: Promise<T> | undefined;
    let file: Readable | undefined;
    // Busboy goes on with the chunk it holds after a refusal: nothing after it may start storing.
    let refused = false;
    const fail = (error: unknown) => {
      refused = true;
      request.unpipe(parser);
      // A file being stored is cut off, so its blob is removed and nothing is recorded.
      if (file && !file.readableEnded) file.destroy(error as Error);
      reject(error);
    };
    parser.on('field', (name, value, info) => {
      if (handling || refused) return; // after the file: ignored, it can no longer change what was stored
      if (name !== 'metadata') return fail(badRequest(`unexpected part "${name}"; expected "metadata" then "file"`));
      if (info.valueTruncated) return fail(badRequest('the metadata part is too long'));
      metadata = value;
    });
    parser.on('file', (name, stream, info) => {
      if (refused) return void stream.resume();
      if (name !== 'file' || metadata === undefined) {
        stream.resume();
        return fail(badRequest('the "metadata" part must come before the "file" part'));
      }
      file = stream;
      // Its errors reach whoever reads it (receiveFile's pipeline); one destroyed before that must not crash the process.
      stream.on('error', () => undefined);
      handling = onFile(metadata, stream, info.filename ?? 'unnamed');
      handling.catch(fail);
    });
    parser.on('filesLimit', () => handling || fail(badRequest('one file per upload')));
    parser.on('fieldsLimit', () => handling || fail(badRequest('a "metadata" part and a "file" part, nothing else')));
    parser.on('error', (error: Error) => fail(badRequest(error.message)));
    parser.on('close', () => {
      if (!handling) return reject(badRequest('no "file" part'));
      handling.then(resolve, reject);
    });
    request.on('aborted', () => fail(badRequest('the client aborted the upload')));
    request.pipe(parser);
  });
}

/** How long a refused connection stays open, unread, before it is closed. */
const LINGER_MS = 2_000;

/**
 * The connection closes after the refusal and the client's remaining bytes are never read. Closing
 * it at once with bytes unread would make the kernel reset it, and a client still writing could
 * lose the refusal itself; so it lingers (RFC 9112 §9.6), unread — the client's writes stall on a
 * full window while it reads the response — and is closed LINGER_MS later.
 */
function closeAfterResponse(request: Request, response: Response): void {
  if (response.headersSent) return;
  response.setHeader('Connection', 'close');
  request.unpipe();
  request.pause();
  // Marks the body as being consumed: otherwise Node reads it to its end once the response is sent
  // (IncomingMessage._dump). request.read(0) set this mark only while less than the stream's
  // high-water mark was buffered; a body already arriving before the refusal left it unset, and
  // 49–62 MB of a 64 MB upload were read during the linger.
  (request as Request & { _consuming: boolean })._consuming = true;
  const socket = request.socket;
  // Node's server ends a Connection: close response with destroySoon(); close later instead.
  socket.destroySoon = () => void setTimeout(() => socket.destroy(), LINGER_MS).unref();
}

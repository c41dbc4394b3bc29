import { request } from 'node:http';

export interface SlowUploadResult {
  status: number;
  body: string;
  /** Bytes the client managed to hand to its socket before the server answered or closed: at most what the server read plus the kernel's buffers. */
  written: number;
}

/**
 * Streams a large multipart body in chunks, without waiting for the server to finish reading, and
 * stops writing as soon as the server answers: what an oversize refusal must cut short. With
 * `declareLength` the request announces its full size (Content-Length); without, it is chunked.
 */
export function slowUpload(url: string, token: string, metadata: unknown, totalFileBytes: number, declareLength: boolean): Promise<SlowUploadResult> {
  const boundary = `----assay${Date.now()}`;
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="metadata"\r\n\r\n${JSON.stringify(metadata)}\r\n` +
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="big.pdf"\r\nContent-Type: application/pdf\r\n\r\n%PDF-1.7\n`,
  );
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  const chunk = Buffer.alloc(64 * 1024, 0x41);
  const total = head.length + totalFileBytes + tail.length;
  return new Promise((resolve, reject) => {
    let written = 0;
    let answered = false;
    const headers: Record<string, string | number> = { authorization: `Bearer ${token}`, 'content-type': `multipart/form-data; boundary=${boundary}` };
    if (declareLength) headers['content-length'] = total;
    const req = request(url, { method: 'POST', headers });
    req.on('response', (response) => {
      answered = true;
      let body = '';
      response.setEncoding('utf8');
      response.on('data', (d) => (body += d));
      response.on('end', () => {
        req.destroy();
        resolve({ status: response.statusCode ?? 0, body, written });
      });
    });
    req.on('error', (error) => (answered ? undefined : reject(error)));
    const responded = new Promise((r) => req.once('response', r));
    const write = (data: Buffer) => new Promise<void>((done) => (req.write(data) ? done() : req.once('drain', done)));
    void (async () => {
      await write(head);
      written += head.length;
      while (!answered && written < total - tail.length) {
        await Promise.race([write(chunk), responded]);
        if (!answered) written += chunk.length;
      }
      if (!answered) req.end(tail);
    })().catch(() => undefined);
  });
}

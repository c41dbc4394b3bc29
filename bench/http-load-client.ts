import { Agent, request } from 'node:http';

export interface LoadResponse {
  status: number;
  /** The problem type of a refusal (RFC 9457), when the body names one. */
  problemType?: string;
}

/**
 * The load generator's HTTP client: node:http over kept-alive connections.
 * It shares the machine with everything it measures, and fetch cost it about a third of a core at
 * 300 requests/s (its streams and WHATWG objects per request); this does the same requests for a
 * fraction of that, leaving the CPU to the services under test.
 */
/** A connection per request, closed after it: where a retry goes, so it cannot meet a closed idle one. */
const ONE_OFF_CONNECTIONS = new Agent({ keepAlive: false });

export class HttpLoadClient {
  // Enough connections that the open loop never queues in the client: at 300/s a request may take seconds.
  private readonly agent = new Agent({ keepAlive: true, maxSockets: 2_048 });

  constructor(private readonly baseUrl: string) {}

  /**
   * A kept-alive connection can be closed by the server (idle past its keep-alive timeout) just as
   * a request is written to it; the request then fails with ECONNRESET without having been read.
   * A PUT is idempotent, so that one case is sent again once on a new connection, as Node's HTTP
   * documentation advises; every other failure is the caller's to count.
   */
  async putJson(path: string, headers: Record<string, string>, body: unknown): Promise<LoadResponse> {
    const payload = JSON.stringify(body);
    try {
      return await this.put(path, headers, payload, this.agent);
    } catch (error) {
      if (!(error instanceof ClosedIdleConnection)) throw error;
      return this.put(path, headers, payload, ONE_OFF_CONNECTIONS);
    }
  }

  private put(path: string, headers: Record<string, string>, payload: string, agent: Agent): Promise<LoadResponse> {
    return new Promise((resolve, reject) => {
      const req = request(
        `${this.baseUrl}${path}`,
        { method: 'PUT', agent, headers: { ...headers, 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) } },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('error', reject);
          res.on('end', () => resolve({ status: res.statusCode ?? 0, problemType: res.statusCode === 200 ? undefined : problemTypeOf(Buffer.concat(chunks).toString('utf8')) }));
        },
      );
      req.on('error', (error: NodeJS.ErrnoException) => reject(req.reusedSocket && error.code === 'ECONNRESET' ? new ClosedIdleConnection(error) : error));
      req.end(payload);
    });
  }

  close(): void {
    this.agent.destroy();
  }
}

/** A request written to a kept-alive connection the server had just closed: it was never read. */
class ClosedIdleConnection extends Error {
  constructor(cause: NodeJS.ErrnoException) {
    super(cause.message, { cause });
  }
}

function problemTypeOf(text: string): string | undefined {
  try {
    return (JSON.parse(text) as { type?: string }).type;
  } catch {
    return undefined;
  }
}

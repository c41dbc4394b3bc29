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
export class HttpLoadClient {
  private readonly agent: Agent;

  /**
   * `idleCloseMs`: an idle kept-alive connection is closed by the client after this long, before
   * the server closes it (Node's default keep-alive timeout is 5 s). Otherwise a request can be
   * written to a connection the server is closing at that moment and fail with ECONNRESET, as
   * one answer did in a 50/s phase: a refusal of the load generator's making, not the service's.
   */
  constructor(
    private readonly baseUrl: string,
    idleCloseMs = 4_000,
  ) {
    // Enough connections that the open loop never queues in the client: at 300/s a request may take
    // seconds. The timeout closes free connections only; a request in flight just keeps waiting.
    this.agent = new Agent({ keepAlive: true, maxSockets: 2_048, timeout: idleCloseMs });
  }

  putJson(path: string, headers: Record<string, string>, body: unknown): Promise<LoadResponse> {
    const payload = JSON.stringify(body);
    return new Promise((resolve, reject) => {
      const req = request(
        `${this.baseUrl}${path}`,
        { method: 'PUT', agent: this.agent, headers: { ...headers, 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) } },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('error', reject);
          res.on('end', () => resolve({ status: res.statusCode ?? 0, problemType: res.statusCode === 200 ? undefined : problemTypeOf(Buffer.concat(chunks).toString('utf8')) }));
        },
      );
      req.on('error', reject);
      req.end(payload);
    });
  }

  close(): void {
    this.agent.destroy();
  }
}

function problemTypeOf(text: string): string | undefined {
  try {
    return (JSON.parse(text) as { type?: string }).type;
  } catch {
    return undefined;
  }
}

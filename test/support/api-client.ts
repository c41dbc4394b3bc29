import { randomUUID } from 'node:crypto';
import { Role, issueToken, jwtSecret } from '@assay/tenancy';
import { ServiceName, serviceUrl } from './service-process';

export interface ApiResponse<T = any> {
  status: number;
  headers: Headers;
  body: T;
}

/** A tenant's view of the REST API, with a token issued for it. */
export class TenantClient {
  private constructor(
    readonly tenantId: string,
    private readonly token: string,
  ) {}

  static async create(tenantId: string = randomUUID(), roles: Role[] = ['assessor'], subject = `user-${tenantId.slice(0, 8)}`): Promise<TenantClient> {
    const token = await issueToken(jwtSecret(), { tenantId, subject, roles });
    return new TenantClient(tenantId, token);
  }

  /** Another person of the same tenant, with these roles. */
  as(subject: string, roles: Role[]): Promise<TenantClient> {
    return TenantClient.create(this.tenantId, roles, subject);
  }

  /** The Authorization header of this tenant's token, for supertest calls. */
  get auth(): { authorization: string } {
    return { authorization: `Bearer ${this.token}` };
  }

  async call<T = any>(service: ServiceName, method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<ApiResponse<T>> {
    const response = await fetch(serviceUrl(service) + path, {
      method,
      headers: { authorization: `Bearer ${this.token}`, 'content-type': 'application/json', ...headers },
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
    const text = await response.text();
    return { status: response.status, headers: response.headers, body: text ? JSON.parse(text) : undefined };
  }

  /** A multipart upload as the evidence API takes it: a `metadata` JSON part, then the `file` part. */
  async upload<T = any>(path: string, metadata: unknown, file: Buffer, fileName = 'file.bin', declaredType = 'application/octet-stream'): Promise<ApiResponse<T>> {
    const form = new FormData();
    form.append('metadata', JSON.stringify(metadata));
    form.append('file', new Blob([new Uint8Array(file)], { type: declaredType }), fileName);
    const response = await fetch(serviceUrl('evidence') + path, { method: 'POST', headers: { authorization: `Bearer ${this.token}` }, body: form });
    const text = await response.text();
    return { status: response.status, headers: response.headers, body: text ? JSON.parse(text) : undefined };
  }

  /** Raw bytes of a download, whatever the status. */
  async download(service: ServiceName, path: string): Promise<{ status: number; headers: Headers; bytes: Buffer }> {
    const response = await fetch(serviceUrl(service) + path, { headers: { authorization: `Bearer ${this.token}` } });
    return { status: response.status, headers: response.headers, bytes: Buffer.from(await response.arrayBuffer()) };
  }

  async startAssessment(title = 'test', framework = { id: 'owasp-aima', version: '1.0' }): Promise<string> {
    const r = await this.call('assessment', 'POST', '/v1/assessments', { frameworkId: framework.id, frameworkVersion: framework.version, title });
    if (r.status !== 201) throw new Error(`start failed: ${r.status} ${JSON.stringify(r.body)}`);
    return r.body.id;
  }

  async answer(assessmentId: string, questionId: string, value: number | string | null): Promise<ApiResponse> {
    return this.call('assessment', 'PUT', `/v1/assessments/${assessmentId}/answers/${questionId}`, { value });
  }
}

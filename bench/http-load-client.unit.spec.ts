import { AddressInfo } from 'node:net';
import { Server, createServer } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import { HttpLoadClient } from './http-load-client';

describe('HttpLoadClient', () => {
  let server: Server;
  let url: string;
  const connections: unknown[] = [];
  let closedByClient = 0;
  beforeAll(async () => {
    // A server that keeps idle connections far longer than the client does, and notes who ended each.
    server = createServer((req, res) => {
      if (!connections.includes(req.socket)) {
        connections.push(req.socket);
        const socket = req.socket;
        socket.on('end', () => void (connections.includes(socket) && closedByClient++)); // the client sent FIN
      }
      req.resume();
      req.on('end', () => res.writeHead(200, { 'content-type': 'application/json' }).end('{}'));
    });
    server.keepAliveTimeout = 60_000;
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise((resolve) => server.close(resolve)));
  beforeEach(() => {
    connections.length = 0;
    closedByClient = 0;
  });

  it('reuses a kept-alive connection while it is busy', async () => {
    const client = new HttpLoadClient(url, 1_000);
    for (let i = 0; i < 3; i++) expect((await client.putJson('/a', {}, { value: i })).status).toBe(200);
    client.close();
    expect(connections).toHaveLength(1);
  });

  it('closes an idle connection itself before the server would, and opens a new one for the next request', async () => {
    const client = new HttpLoadClient(url, 100);
    expect((await client.putJson('/a', {}, { value: 1 })).status).toBe(200);
    await sleep(400);
    expect(closedByClient).toBe(1);
    expect((await client.putJson('/a', {}, { value: 2 })).status).toBe(200);
    client.close();
    expect(connections).toHaveLength(2);
  });
});

import { AddressInfo } from 'node:net';
import { Server, createServer } from 'node:http';
import { HttpLoadClient } from './http-load-client';

/** Answers every request with 200, except that `drop` decides which to cut off unanswered. */
async function serve(drop: (requestOnSocket: number) => boolean): Promise<{ server: Server; url: string; sockets: Set<unknown>; requests: number[] }> {
  const sockets = new Set<unknown>();
  const requests: number[] = []; // for each request, the how-manieth on its connection it was
  const perSocket = new WeakMap<object, number>();
  const server = createServer((req, res) => {
    sockets.add(req.socket);
    const nth = (perSocket.get(req.socket) ?? 0) + 1;
    perSocket.set(req.socket, nth);
    requests.push(nth);
    req.resume();
    // As a server closing an idle connection does: the request is never answered.
    if (drop(nth)) return void req.socket.destroy();
    req.on('end', () => res.writeHead(200, { 'content-type': 'application/json' }).end('{}'));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, sockets, requests };
}

describe('HttpLoadClient', () => {
  let server: Server | undefined;
  let client: HttpLoadClient | undefined;
  afterEach(async () => {
    client?.close();
    await new Promise((resolve) => server?.close(resolve));
  });

  it('sends a PUT again, on a new connection, when a kept-alive connection is cut before answering', async () => {
    const s = await serve((nth) => nth === 2);
    server = s.server;
    client = new HttpLoadClient(s.url);
    expect((await client.putJson('/a', {}, { value: 1 })).status).toBe(200);
    expect((await client.putJson('/a', {}, { value: 2 })).status).toBe(200); // cut on its reused connection, then sent again
    expect(s.requests).toEqual([1, 2, 1]);
    expect(s.sockets.size).toBe(2);
  });

  it('does not send again when a fresh connection is cut: that is the server failing', async () => {
    const s = await serve((nth) => nth === 1);
    server = s.server;
    client = new HttpLoadClient(s.url);
    await expect(client.putJson('/a', {}, { value: 1 })).rejects.toMatchObject({ code: 'ECONNRESET' });
    expect(s.requests).toEqual([1]);
  });
});

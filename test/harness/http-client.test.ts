import assert from 'node:assert/strict';
import { type AddressInfo, createServer, type Server, type Socket } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { HarnessError } from '../../driver/errors';
import type { Exchange } from '../../driver/exchange';
import { type EndpointRole, RecordingHttpClient } from '../../driver/http-client';
import { RequestPacer } from '../../driver/pacer';

/**
 * The client against a raw TCP server on loopback, which can answer what no HTTP library would send: an
 * answer whose body stops half-way, or any status at all. What the client may hand to a scenario, and what
 * it must turn into "could not judge", is decided here.
 */
describe('RecordingHttpClient', () => {
  let server: Server;
  let origin: string;
  /** What the server writes for the next request; it closes the connection once written. */
  let answer = '';

  before(async () => {
    server = createServer((socket: Socket) => {
      socket.once('data', () => socket.end(answer));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  after(() => server.close());

  function client(recorded: Exchange[]): RecordingHttpClient {
    const paths = { authorize: '/authorize', token: '/token', revoke: '/revoke', resource: '/resource' };
    return new RecordingHttpClient({ timeoutMs: 5_000, onExchange: (exchange) => recorded.push(exchange), pacer: new RequestPacer([], paths) });
  }

  const send = (http: RecordingHttpClient, endpoint: EndpointRole, path: string) =>
    http.send({ title: 'test request', endpoint, method: 'POST', url: `${origin}${path}?code=secret-in-query`, body: 'a=b' });

  function status(code: number, body = ''): string {
    return `HTTP/1.1 ${code} Whatever\r\nContent-Type: text/html\r\nContent-Length: ${body.length}\r\nConnection: close\r\n\r\n${body}`;
  }

  it('names the endpoint, the status and the break when a body stops short, and keeps the exchange', async () => {
    answer = 'HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 400\r\n\r\n{"access_token":"abc';
    const recorded: Exchange[] = [];
    await assert.rejects(send(client(recorded), 'token', '/token'), (error: unknown) => {
      assert.ok(error instanceof HarnessError);
      assert.match(error.message, /^the token endpoint \(POST http:\/\/127\.0\.0\.1:\d+\/token\): the answer \(HTTP 200\) broke off in its body/);
      assert.doesNotMatch(error.message, /secret-in-query/);
      return true;
    });
    assert.equal(recorded.length, 1);
    assert.match(recorded[0]?.failure ?? '', /broke off/);
  });

  it('hands a 501 to the scenario: not offering a feature is an answer', async () => {
    answer = status(501, 'not here');
    assert.equal((await send(client([]), 'revocation', '/revoke')).status, 501);
  });

  it('hands an error page of the authorization endpoint to the scenario, whatever its status', async () => {
    answer = status(500, '<p>Something went wrong</p>');
    assert.equal((await send(client([]), 'authorization', '/authorize')).status, 500);
  });

  it('gives up on an authorization endpoint that is unavailable', async () => {
    answer = status(503);
    await assert.rejects(send(client([]), 'authorization', '/authorize'), /the authorization endpoint .* answered HTTP 503 \(service unavailable\) with an empty body/);
  });

  it('says where a machine endpoint redirects to, without the query', async () => {
    answer = 'HTTP/1.1 301 Moved\r\nLocation: https://elsewhere.invalid/oauth/token?x=1\r\nContent-Length: 0\r\n\r\n';
    await assert.rejects(send(client([]), 'token', '/token'), /redirected to https:\/\/elsewhere\.invalid\/oauth\/token \(HTTP 301\): .*point the target profile at the final address/);
  });

  it('hands the authorization endpoint its redirects: they are the evidence', async () => {
    answer = 'HTTP/1.1 302 Found\r\nLocation: https://client.invalid/cb?error=access_denied\r\nContent-Length: 0\r\n\r\n';
    assert.equal((await send(client([]), 'authorization', '/authorize')).status, 302);
  });
});

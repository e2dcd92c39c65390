import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, afterEach, before, describe, it } from 'node:test';
import nock from 'nock';
import { runConformance } from '../../cli/conformance';
import { runHooks } from '../../driver/run-context';

/**
 * Faults on the client's side of the wire: the run goes to the real embedded mock over loopback, and nock
 * takes over one endpoint to reset, stall, fail, throttle, redirect or garble its answers. Each fault must
 * end as a verdict naming the endpoint and the cause, exit 2 when the answer cannot be judged and exit 1
 * when the answer itself breaks a rule, and no run may hang.
 */
/** Wherever the mock listens: it takes whatever port is free. */
const MOCK_ORIGIN = /127\.0\.0\.1:\d+/;
const TOKEN_PATH = '/restapi/oauth/token';
const PASSWORD_SCENARIO = '^The right password yields a bearer token the resource accepts$';
const PASSWORD_FEATURE = 'features/rfc6749/password-grant.feature';

interface Run {
  readonly code: number;
  readonly output: string;
}

describe('faults on the way to the target', () => {
  const folder = mkdtempSync(join(tmpdir(), 'conformance-faults-'));
  let runs = 0;

  before(() => nock.activate());
  afterEach(() => nock.cleanAll());
  after(() => {
    nock.restore();
    rmSync(folder, { recursive: true, force: true });
  });

  async function run(name: string, extra: readonly string[] = []): Promise<Run> {
    const lines: string[] = [];
    runs += 1;
    const args = ['--reports', join(folder, `run-${runs}`), '--name', name, ...extra, PASSWORD_FEATURE];
    const code = await runConformance(args, (line) => lines.push(line));
    return { code, output: lines.join('\n') };
  }

  /**
   * Every token request meets the fault; the rest of the mock answers as always. nock lets no request through
   * to a path it intercepts, whatever the method, so the runner's reachability probe (a GET) gets its 405 here.
   */
  function tokenEndpoint(): nock.Interceptor {
    const scope = nock(MOCK_ORIGIN, { allowUnmocked: true }).persist();
    scope.get(TOKEN_PATH).reply(405);
    return scope.post(TOKEN_PATH);
  }

  function expectCouldNotJudge(result: Run, ...causes: RegExp[]): void {
    assert.equal(result.code, 2, result.output);
    assert.match(result.output, /ERR +\[1\/1 \d+:\d\d\]/);
    for (const cause of causes) assert.match(result.output, cause);
    assert.match(result.output, /the harness could not judge every scenario \(exit 2\)/);
  }

  const AT_TOKEN = /the token endpoint \(POST http:\/\/127\.0\.0\.1:\d+\/restapi\/oauth\/token\)/;

  it('a connection reset is named with the endpoint', async () => {
    tokenEndpoint().replyWithError({ code: 'ECONNRESET', message: 'socket hang up' });
    expectCouldNotJudge(await run(PASSWORD_SCENARIO), AT_TOKEN, /connection reset by the server \(ECONNRESET\)/);
  });

  it('an answer that never comes ends at the configured timeout', async () => {
    tokenEndpoint().delay(5_000).reply(200, {});
    const result = await run(PASSWORD_SCENARIO, ['--timeout', '250']);
    expectCouldNotJudge(result, AT_TOKEN, /no answer within 250 ms/);
  });

  it('a 503 page from a gateway is no decision on the request', async () => {
    tokenEndpoint().reply(503, '<html><body>Service Unavailable</body></html>', { 'content-type': 'text/html', 'retry-after': '120' });
    expectCouldNotJudge(await run(PASSWORD_SCENARIO), AT_TOKEN, /answered HTTP 503 \(service unavailable, Retry-After 120\) with a text\/html body/);
  });

  it('a 500 is the server failing, not refusing', async () => {
    tokenEndpoint().reply(500, { message: 'NullPointerException' });
    expectCouldNotJudge(await run(PASSWORD_SCENARIO), AT_TOKEN, /failed with HTTP 500 with a JSON body/);
  });

  it('a 429 that lasts through every retry gives up instead of waiting forever', async () => {
    tokenEndpoint().reply(429, { error: 'rate_limited' }, { 'retry-after': '0' });
    expectCouldNotJudge(await run(PASSWORD_SCENARIO), AT_TOKEN, /still answered HTTP 429 \(too many requests, Retry-After 0\) after 3 retries/);
  });

  it('a redirect loop at the token endpoint is not followed', async () => {
    tokenEndpoint().reply(302, '', { location: TOKEN_PATH });
    expectCouldNotJudge(await run(PASSWORD_SCENARIO), AT_TOKEN, /redirected to itself, a redirect loop \(HTTP 302\)/);
  });

  it('a failing resource server is named as the resource endpoint', async () => {
    nock(MOCK_ORIGIN, { allowUnmocked: true }).persist().get('/restapi/v1.0/account/~/extension/~').reply(502, 'Bad Gateway');
    expectCouldNotJudge(await run(PASSWORD_SCENARIO), /the resource endpoint \(GET http:\/\/127\.0\.0\.1:\d+\/restapi\/v1\.0\/account\/~\/extension\/~\)/, /HTTP 502 \(bad gateway\)/);
  });

  it('an HTML page instead of a JSON token response is a finding of RFC 6749 §5.1', async () => {
    tokenEndpoint().reply(200, '<html><body>Welcome</body></html>', { 'content-type': 'text/html' });
    const result = await run(PASSWORD_SCENARIO);
    assert.equal(result.code, 1, result.output);
    assert.match(result.output, /FAIL \[1\/1 \d+:\d\d\]/);
    assert.match(result.output, /RFC 6749 §5\.1: expected a 200 response with an access token, but the server answered HTTP 200 with a text\/html body that is not JSON/);
  });

  it('a token response cut off in the middle is a finding, not a crash', async () => {
    tokenEndpoint().reply(200, '{"access_token":"abcdefgh12345678","token_ty', { 'content-type': 'application/json' });
    const result = await run(PASSWORD_SCENARIO);
    assert.equal(result.code, 1, result.output);
    assert.match(result.output, /with a application\/json body that starts as JSON but does not parse \(cut off or malformed\)/);
  });

  it('a browser sent round a redirect loop at the authorization endpoint is named as such', async () => {
    // Chromium does not go through nock, and a route does not see the requests its own redirect leads to; so the
    // replay's way in, a route on each browser context, sends the browser to a loopback server that redirects to itself.
    const loop = createServer((request, response) => response.writeHead(302, { location: request.url ?? '/' }).end());
    await new Promise<void>((resolve) => loop.listen(0, '127.0.0.1', resolve));
    const { port } = loop.address() as AddressInfo;
    runHooks.prepareBrowserContext = async (context) => {
      await context.route(
        (url) => url.pathname === '/restapi/oauth/authorize',
        (route) => route.fulfill({ status: 302, headers: { location: `http://127.0.0.1:${port}/authorize-again` } }),
      );
    };
    try {
      const lines: string[] = [];
      const code = await runConformance(
        ['--reports', join(folder, 'browser'), '--name', '^The user signs in and approves; the app gets a code and its state back$', 'features/rfc6749/authorization-code.feature'],
        (line) => lines.push(line),
      );
      const output = lines.join('\n');
      assert.equal(code, 2, output);
      assert.match(output, /browser login failed: the server sent the browser round a redirect loop at http:\/\/127\.0\.0\.1:\d+\/restapi\/oauth\/authorize \(net::ERR_TOO_MANY_REDIRECTS\)/);
    } finally {
      delete runHooks.prepareBrowserContext;
      loop.close();
    }
  });
});

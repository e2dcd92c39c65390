import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import nock from 'nock';
import { scanForSecrets } from '../../cli/secret-scan';
import { closeSharedBrowser, locateBrowser } from '../../driver/browser';
import { ConformanceDriver, type DriverOptions, randomValue, s256Challenge } from '../../driver/driver';
import { HarnessError } from '../../driver/errors';
import { FixtureRecorder, REPLAY_ORIGIN } from '../../driver/fixtures';
import { Redactor } from '../../driver/redaction';
import { type ReplayTarget, startReplay } from '../../driver/replay';
import type { AppCredentials, TargetProfile } from '../../driver/target';

/** Nothing listens here: the browser's arrival at the redirect URI is the authorization response. */
const REDIRECT_URI = 'http://127.0.0.1:5999/callback';
const CLIENT_SECRET = `client-secret-${randomBytes(8).toString('hex')}`;
const PASSWORD = `password-${randomBytes(8).toString('hex')}`;
const PLACEHOLDER_TOKEN = /^\[REDACTED token #[0-9a-f]{8}\]$/;
const fetchBeforeReplay = globalThis.fetch;

/**
 * A tiny authorization server on loopback: just enough of RFC 6749 (§4.1 with PKCE, §4.3, §6, §7) to
 * record a few exchanges from, and a list of every secret it issued to look for on disk afterwards.
 */
async function startTinyServer(): Promise<{ baseUrl: string; issued: string[]; stop: () => Promise<void> }> {
  const issued: string[] = [];
  const pending = new Map<string, { state: string; challenge: string }>();
  const codes = new Map<string, string>();
  const accessTokens = new Set<string>();
  const fresh = (): string => {
    const value = randomBytes(16).toString('base64url');
    issued.push(value);
    return value;
  };
  const tokens = (res: ServerResponse): void => {
    const access = fresh();
    accessTokens.add(access);
    json(res, 200, { access_token: access, token_type: 'bearer', expires_in: 3600, refresh_token: fresh() });
  };
  let baseUrl = '';
  const handle = (req: IncomingMessage, res: ServerResponse, body: URLSearchParams): void => {
    const url = new URL(req.url ?? '/', baseUrl);
    const query = url.searchParams;
    switch (`${req.method} ${url.pathname}`) {
      case 'GET /oauth/authorize': {
        const state = query.get('state') ?? '';
        if (query.get('response_type') !== 'code') {
          redirect(res, `${REDIRECT_URI}?error=unsupported_response_type&state=${encodeURIComponent(state)}`);
          return;
        }
        const request = randomBytes(6).toString('hex');
        pending.set(request, { state, challenge: query.get('code_challenge') ?? '' });
        html(res, `<form method="post" action="/oauth/login"><input type="hidden" name="request" value="${request}">
          <label for="username">Username</label><input id="username" name="username">
          <label for="password">Password</label><input id="password" name="password" type="password">
          <button type="submit">Sign in</button></form><a href="${baseUrl}/help">help</a>`);
        return;
      }
      case 'POST /oauth/login':
        if (body.get('password') !== PASSWORD) return html(res, '<p role="alert">wrong password</p>');
        html(res, `<form method="post" action="/oauth/consent"><input type="hidden" name="request" value="${body.get('request')}">
          <button type="submit" name="decision" value="approve">Approve</button></form>`);
        return;
      case 'POST /oauth/consent': {
        const request = pending.get(body.get('request') ?? '');
        if (request === undefined) return json(res, 400, { error: 'invalid_request' });
        const code = fresh();
        codes.set(code, request.challenge);
        redirect(res, `${REDIRECT_URI}?code=${code}&state=${encodeURIComponent(request.state)}`);
        return;
      }
      case 'POST /oauth/token': {
        if (req.headers.authorization !== `Basic ${Buffer.from(`test-client:${CLIENT_SECRET}`).toString('base64')}`) {
          return json(res, 401, { error: 'invalid_client' });
        }
        const grant = body.get('grant_type');
        if (grant === 'password' && body.get('password') === PASSWORD) return tokens(res);
        if (grant === 'refresh_token' && issued.includes(body.get('refresh_token') ?? '')) return tokens(res);
        const challenge = codes.get(body.get('code') ?? '');
        if (grant === 'authorization_code' && challenge === s256Challenge(body.get('code_verifier') ?? '')) return tokens(res);
        return json(res, 400, { error: 'invalid_grant' });
      }
      case 'GET /api/me': {
        const token = (req.headers.authorization ?? '').replace(/^Bearer /, '');
        if (!accessTokens.has(token)) return json(res, 401, { error: 'invalid_token' });
        return json(res, 200, { self: `${baseUrl}/api/me` });
      }
      default:
        json(res, 404, { error: 'not_found' });
    }
  };
  const server = createServer((req, res) => {
    let text = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => (text += chunk));
    req.on('end', () => handle(req, res, new URLSearchParams(text)));
  });
  baseUrl = await listen(server);
  return { baseUrl, issued, stop: () => close(server) };
}

function json(res: ServerResponse, status: number, body: object): void {
  res.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store' }).end(JSON.stringify(body));
}

function html(res: ServerResponse, body: string): void {
  res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(`<!doctype html><html><body>${body}</body></html>`);
}

function redirect(res: ServerResponse, location: string): void {
  res.writeHead(302, { location }).end();
}

function listen(server: Server): Promise<string> {
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}`)));
}

function close(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}

function profileAt(baseUrl: string): TargetProfile {
  return {
    name: 'tiny',
    baseUrl,
    paths: { authorize: '/oauth/authorize', token: '/oauth/token', revoke: '/oauth/revoke', resource: '/api/me' },
    apps: { 'private-desktop': { clientId: 'test-client', clientSecret: CLIENT_SECRET, redirectUris: [REDIRECT_URI] } },
    users: { alice: { username: 'alice', password: PASSWORD } },
    capabilities: ['password-grant'],
    rateLimits: [],
    loginPage: { username: '#username', password: '#password', submit: 'role=button[name="Sign in"]', approve: 'role=button[name="Approve"]' },
  };
}

function driverFor(profile: TargetProfile, hooks: Pick<DriverOptions, 'onExchange' | 'prepareBrowserContext'> = {}): ConformanceDriver {
  return new ConformanceDriver(profile, { timeoutMs: 5000, attach: () => undefined, redactor: new Redactor(), ...hooks });
}

function appOf(profile: TargetProfile): AppCredentials {
  const app = profile.apps['private-desktop'];
  assert.ok(app !== undefined);
  return app;
}

function hasBrowser(): boolean {
  try {
    locateBrowser();
    return true;
  } catch {
    return false;
  }
}

const withBrowser = hasBrowser();
const dir = mkdtempSync(join(tmpdir(), 'replay-'));
let recordedSecrets: string[] = [];

/** One recording for the whole file, made against the tiny server, which is gone before anything replays. */
before(async () => {
  const server = await startTinyServer();
  const profile = profileAt(server.baseUrl);
  const redactor = new Redactor();
  const recorder = new FixtureRecorder(dir, redactor);
  // One redactor for the driver and the recorder, as in a run: it knows what the driver alone saw (a code challenge).
  const driver = new ConformanceDriver(profile, { timeoutMs: 5000, attach: () => undefined, redactor, onExchange: (ex) => recorder.record(ex) });
  const app = appOf(profile);
  const user = profile.users['alice']!;

  recorder.beginScenario('tokens');
  const granted = await driver.passwordGrant(app, user);
  assert.equal(granted.status, 200);
  assert.equal((await driver.callResource(granted.tokens!.accessToken, ['header'])).status, 200);
  assert.equal((await driver.refresh(app, granted.tokens!.refreshToken!)).status, 200);
  recorder.endScenario();

  recorder.beginScenario('wrong response type');
  await driver.requestAuthorization({ app, responseType: 'token', state: randomValue() });
  recorder.endScenario();

  const browserSecrets: string[] = [];
  if (withBrowser) {
    recorder.beginScenario('browser login');
    const verifier = randomValue();
    browserSecrets.push(verifier, s256Challenge(verifier));
    const request = { app, state: randomValue(), codeChallenge: s256Challenge(verifier), codeChallengeMethod: 'S256' };
    const outcome = await driver.authorizeInBrowser(request, user, 'approve');
    assert.equal((await driver.redeemCode(app, outcome.params.get('code') ?? '', REDIRECT_URI, verifier)).status, 200);
    recorder.endScenario();
  }
  recorder.finish(profile);
  recordedSecrets = [...server.issued, ...browserSecrets, CLIENT_SECRET, PASSWORD, Buffer.from(`test-client:${CLIENT_SECRET}`).toString('base64')];
  await server.stop();
});

after(async () => {
  await closeSharedBrowser();
  rmSync(dir, { recursive: true, force: true });
});

describe('fixtures of a recorded run', () => {
  it('hold no secret the server issued or the client used, in any spelling', () => {
    assert.equal(recordedSecrets.length > 6, true);
    assert.deepEqual(scanForSecrets(dir, recordedSecrets), []);
  });
});

describe('startReplay', () => {
  let replay: ReplayTarget;
  let driver: ConformanceDriver;
  let loopback: { baseUrl: string; stop: () => Promise<void> };

  before(async () => {
    loopback = await startTinyServer();
    replay = startReplay(dir);
    driver = driverFor(replay.profile, { prepareBrowserContext: (context) => replay.prepareBrowserContext(context) });
  });
  after(async () => {
    replay.stop();
    await loopback.stop();
  });

  it('serves the recorded profile at the replay origin, its secrets replaced', () => {
    assert.equal(replay.profile.name, `replay:${dir}`);
    assert.equal(replay.profile.baseUrl, REPLAY_ORIGIN);
    assert.equal(appOf(replay.profile).clientSecret, 'replay-client-secret-private-desktop');
    assert.equal(replay.profile.users['alice']?.password, 'replay-password-alice');
  });

  it('answers through fetch with the recorded exchanges, tokens as their placeholders', async () => {
    const app = appOf(replay.profile);
    replay.beginScenario('tokens');
    const granted = await driver.passwordGrant(app, replay.profile.users['alice']!);
    assert.equal(granted.status, 200);
    assert.match(granted.tokens?.accessToken ?? '', PLACEHOLDER_TOKEN);
    // The same token has the same placeholder in the recorded requests, so sending it back matches.
    assert.equal((await driver.callResource(granted.tokens!.accessToken, ['header'])).status, 200);
    const refreshed = await driver.refresh(app, granted.tokens!.refreshToken!);
    assert.equal(refreshed.status, 200);
    assert.notEqual(refreshed.tokens?.accessToken, granted.tokens?.accessToken);
    assert.deepEqual(replay.endScenario(), []);
  });

  it('gives the client its own fresh state back in the recorded redirect', async () => {
    replay.beginScenario('wrong response type');
    const state = randomValue();
    const outcome = await driver.requestAuthorization({ app: appOf(replay.profile), responseType: 'token', state });
    assert.equal(outcome.kind, 'redirect');
    assert.equal(outcome.params.get('state'), state);
    assert.equal(outcome.params.get('error'), 'unsupported_response_type');
    assert.deepEqual(replay.endScenario(), []);
  });

  it('refuses a request out of order, saying why, and reports it with the exchanges it left unused', async () => {
    replay.beginScenario('tokens');
    await assert.rejects(
      driver.callResource('some-token', ['header']),
      /^HarnessError: the resource endpoint \(GET https:\/\/replay\.invalid\/api\/me\): replay: request 1: expected POST \/oauth\/token \(token request: password grant\), got GET \/api\/me$/,
    );
    const problems = replay.endScenario();
    assert.equal(problems.length, 2);
    assert.match(problems[0] ?? '', /^request 1: expected POST \/oauth\/token/);
    assert.match(problems[1] ?? '', /^3 recorded exchanges were never requested: POST \/oauth\/token/);
  });

  it('reports the recorded exchanges a scenario never asked for', async () => {
    replay.beginScenario('tokens');
    await driver.passwordGrant(appOf(replay.profile), replay.profile.users['alice']!);
    assert.deepEqual(replay.endScenario(), [
      '2 recorded exchanges were never requested: GET /api/me (protected resource request (token in header)), POST /oauth/token (token request: refresh)',
    ]);
  });

  it('refuses requests once the recording is used up, and for a scenario it never recorded', async () => {
    replay.beginScenario('wrong response type');
    const request = { app: appOf(replay.profile), responseType: 'token', state: randomValue() };
    await driver.requestAuthorization(request);
    await assert.rejects(driver.requestAuthorization(request), /replay: request 2, GET \/oauth\/authorize: the recording has only 1 exchange/);
    assert.deepEqual(replay.endScenario(), ['request 2, GET /oauth/authorize: the recording has only 1 exchange(s)']);
    replay.beginScenario('never recorded');
    await assert.rejects(driver.requestAuthorization(request), /replay: request 1, GET \/oauth\/authorize: the recording has only 0 exchange/);
    const problems = replay.endScenario();
    assert.match(problems[0] ?? '', /scenarios\.json has no recording of scenario "never recorded"$/);
  });

  it('lets no request leave for another host, but loopback goes through', async () => {
    await assert.rejects(fetch('https://elsewhere.invalid/'), /Disallowed net connect for "elsewhere\.invalid:443/);
    assert.equal((await fetch(`${loopback.baseUrl}/nowhere`)).status, 404);
  });

  it('answers a browser login from the recording, the state and the code coming back', { skip: !withBrowser && 'no browser here' }, async () => {
    const app = appOf(replay.profile);
    replay.beginScenario('browser login');
    const verifier = randomValue();
    const state = randomValue();
    const outcome = await driver.authorizeInBrowser(
      { app, state, codeChallenge: s256Challenge(verifier), codeChallengeMethod: 'S256' },
      replay.profile.users['alice']!,
      'approve',
    );
    assert.equal(outcome.kind, 'redirect');
    assert.equal(outcome.params.get('state'), state);
    assert.match(outcome.params.get('code') ?? '', PLACEHOLDER_TOKEN);
    assert.equal((await driver.redeemCode(app, outcome.params.get('code')!, REDIRECT_URI, verifier)).status, 200);
    assert.deepEqual(replay.endScenario(), []);
  });
});

describe('stopping a replay', () => {
  it('gives fetch and http back, and refuses a second replay while one runs', () => {
    const replay = startReplay(dir);
    assert.throws(() => startReplay(dir), HarnessError);
    replay.stop();
    assert.equal(nock.isActive(), false);
    assert.equal(globalThis.fetch, fetchBeforeReplay);
  });
});

describe('broken fixtures', () => {
  const broken = (name: string, files: Record<string, string>): string => {
    const folder = join(dir, name);
    mkdirSync(folder);
    for (const [file, text] of Object.entries(files)) writeFileSync(join(folder, file), text);
    return folder;
  };
  const about = JSON.stringify({ format: 1 });
  const profile = JSON.stringify(profileAt(REPLAY_ORIGIN));

  it('names the missing file', () => {
    assert.throws(() => startReplay(join(dir, 'absent')), (error: Error) => {
      assert.ok(error instanceof HarnessError);
      assert.match(error.message, /absent\/about\.json: missing \(record the fixtures first\)$/);
      return true;
    });
  });

  it('names the file that is not JSON, in one line', () => {
    const folder = broken('not-json', { 'about.json': about, 'profile.json': profile, 'scenarios.json': '{"a": [' });
    assert.throws(() => startReplay(folder), (error: Error) => {
      assert.match(error.message, /not-json\/scenarios\.json: not valid JSON/);
      assert.equal(error.message.includes('\n'), false);
      return true;
    });
  });

  it('names the format, the profile member and the exchange that are wrong', () => {
    const old = broken('old-format', { 'about.json': JSON.stringify({ format: 0 }) });
    assert.throws(() => startReplay(old), /old-format\/about\.json: not fixtures of format 1/);
    const noPaths = broken('no-paths', { 'about.json': about, 'profile.json': JSON.stringify({ ...profileAt(REPLAY_ORIGIN), paths: {} }) });
    assert.throws(() => startReplay(noPaths), /no-paths\/profile\.json: "paths\.authorize" is missing or not a string/);
    const badExchange = JSON.stringify({ s: [{ title: 't', request: { method: 'GET', url: '/relative', headers: {} } }] });
    const folder = broken('bad-exchange', { 'about.json': about, 'profile.json': profile, 'scenarios.json': badExchange });
    assert.throws(() => startReplay(folder), /scenarios\.json: scenario "s", exchange 1: the request needs a method, an absolute url and headers/);
  });
});

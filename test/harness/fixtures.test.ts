import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { scanForSecrets } from '../../cli/secret-scan';
import { HarnessError } from '../../driver/errors';
import type { Exchange } from '../../driver/exchange';
import { type FixtureExchange, FixtureRecorder, REPLAY_ORIGIN, type ScenarioFixtures } from '../../driver/fixtures';
import { Redactor } from '../../driver/redaction';
import type { TargetProfile } from '../../driver/target';

const ORIGIN = 'http://127.0.0.1:43123';
const CLIENT_SECRET = 'client-secret-5f4e3d2c';
const PASSWORD = 'pass word/with+odd"chars';
const JWT = 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJhbGljZSJ9.c2lnbmF0dXJl';
const ACCESS_TOKEN = 'access-token-0a1b2c3d4e';
const CODE = 'code/with+slash=';
const STATE = 'state-value-1234';

const profile: TargetProfile = {
  name: 'mock',
  baseUrl: ORIGIN,
  paths: { authorize: '/restapi/oauth/authorize', token: '/restapi/oauth/token', revoke: '/restapi/oauth/revoke', resource: '/restapi/v1.0/me' },
  apps: {
    'private-desktop': { clientId: 'desktop-app', clientSecret: CLIENT_SECRET, redirectUris: ['http://127.0.0.1:5999/cb'] },
    'public-browser-based': { clientId: 'public-app', redirectUris: ['http://127.0.0.1:5999/cb'] },
  },
  users: { alice: { username: '+16505550100', password: PASSWORD, jwt: JWT } },
  capabilities: ['password-grant'],
  clockControlUrl: `${ORIGIN}/__mock/clock`,
  rateLimits: [],
  loginPage: { username: '#username', password: '#password', submit: 'button' },
};

function tokenExchange(): Exchange {
  return {
    title: 'token request: password grant',
    request: {
      method: 'POST',
      url: `${ORIGIN}/restapi/oauth/token`,
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        authorization: `Basic ${Buffer.from(`desktop-app:${CLIENT_SECRET}`).toString('base64')}`,
        accept: 'application/json',
      },
      body: new URLSearchParams({ grant_type: 'password', username: '+16505550100', password: PASSWORD }).toString(),
    },
    response: {
      status: 200,
      headers: { 'content-type': 'application/json', date: 'Tue, 01 Dec 2026 10:00:00 GMT', 'content-length': '99', 'cache-control': 'no-store' },
      body: JSON.stringify({ access_token: ACCESS_TOKEN, token_type: 'bearer', issuer: ORIGIN }),
    },
    durationMs: 12,
  };
}

function redirectExchange(): Exchange {
  return {
    title: 'browser navigation',
    request: { method: 'POST', url: `${ORIGIN}/restapi/oauth/authorize/consent`, headers: { host: '127.0.0.1:43123' }, body: 'decision=approve' },
    response: { status: 302, headers: { location: `http://127.0.0.1:5999/cb?code=${encodeURIComponent(CODE)}&state=${STATE}` }, body: '' },
    durationMs: 3,
  };
}

function record(dir: string, scenarios: Record<string, Exchange[]>, redactor = new Redactor()): void {
  const recorder = new FixtureRecorder(dir, redactor);
  for (const [key, exchanges] of Object.entries(scenarios)) {
    recorder.beginScenario(key);
    for (const exchange of exchanges) recorder.record(exchange);
    recorder.endScenario();
  }
  recorder.finish(profile);
}

function readJson<T>(dir: string, file: string): T {
  return JSON.parse(readFileSync(join(dir, file), 'utf8')) as T;
}

describe('FixtureRecorder', () => {
  const root = mkdtempSync(join(tmpdir(), 'fixtures-'));
  after(() => rmSync(root, { recursive: true, force: true }));
  let count = 0;
  const freshDir = (): string => join(root, `run-${(count += 1)}`);

  it('writes the profile with placeholders for its credentials, at the replay origin', () => {
    const dir = freshDir();
    record(dir, { s: [tokenExchange()] });
    const written = readJson<TargetProfile>(dir, 'profile.json');
    assert.equal(written.baseUrl, REPLAY_ORIGIN);
    assert.equal(written.clockControlUrl, `${REPLAY_ORIGIN}/__mock/clock`);
    assert.deepEqual(written.apps['private-desktop'], { clientId: 'desktop-app', clientSecret: 'replay-client-secret-private-desktop', redirectUris: ['http://127.0.0.1:5999/cb'] });
    assert.equal(written.apps['public-browser-based']?.clientSecret, undefined);
    assert.deepEqual(written.users['alice'], { username: '+16505550100', password: 'replay-password-alice', jwt: 'replay-jwt-alice' });
  });

  it('never writes a secret: not one learnt after its exchange, nor one known only from the profile', () => {
    const dir = freshDir();
    const redactor = new Redactor();
    const late = 'late-secret-value-9876';
    const echoed: Exchange = {
      title: 'revocation request',
      request: { method: 'POST', url: `${ORIGIN}/restapi/oauth/revoke`, headers: {}, body: `opaque=${late}` },
      response: { status: 400, headers: {}, body: JSON.stringify({ error_description: `bad ${late}; jwt ${JWT}; secret ${CLIENT_SECRET}` }) },
      durationMs: 1,
    };
    const recorder = new FixtureRecorder(dir, redactor);
    recorder.beginScenario('s');
    recorder.record(echoed);
    recorder.record(tokenExchange());
    recorder.record(redirectExchange());
    redactor.remember(late, 'token');
    recorder.finish(profile);
    const secrets = [CLIENT_SECRET, PASSWORD, JWT, ACCESS_TOKEN, CODE, late, Buffer.from(`desktop-app:${CLIENT_SECRET}`).toString('base64')];
    assert.deepEqual(scanForSecrets(dir, secrets), []);
  });

  it('hides headers whole, keeps placeholders in a URL decodable, and tells tokens apart', () => {
    const dir = freshDir();
    record(dir, { s: [tokenExchange(), redirectExchange()] });
    const [token, redirect] = readJson<ScenarioFixtures>(dir, 'scenarios.json')['s'] ?? [];
    assert.equal(token?.request.headers['authorization'], '[REDACTED]');
    assert.equal(token?.request.body, 'grant_type=password&username=%2B16505550100&password=[REDACTED]');
    assert.match(JSON.parse(token?.response?.body ?? '{}').access_token, /^\[REDACTED token #[0-9a-f]{8}\]$/);
    const location = new URL(redirect?.response?.headers['location'] ?? '');
    assert.match(location.searchParams.get('code') ?? '', /^\[REDACTED token #[0-9a-f]{8}\]$/);
    assert.equal(location.searchParams.get('state'), STATE);
  });

  it("rewrites the target's origin, raw and percent-encoded, and its Host, but no other origin", () => {
    const dir = freshDir();
    const body = `${ORIGIN}/a ${encodeURIComponent(`${ORIGIN}/b`)} http://127.0.0.1:431234/c http://127.0.0.1:5999/cb`;
    record(dir, { s: [{ ...redirectExchange(), request: { ...redirectExchange().request, body } }] });
    const [exchange] = readJson<ScenarioFixtures>(dir, 'scenarios.json')['s'] ?? [];
    assert.equal(exchange?.request.url, `${REPLAY_ORIGIN}/restapi/oauth/authorize/consent`);
    assert.equal(exchange?.request.headers['host'], 'replay.invalid');
    assert.equal(exchange?.request.body, `${REPLAY_ORIGIN}/a ${encodeURIComponent(`${REPLAY_ORIGIN}/b`)} http://127.0.0.1:431234/c http://127.0.0.1:5999/cb`);
  });

  it('writes a stable, sorted file without per-run headers or durations', () => {
    const first = freshDir();
    const second = freshDir();
    const scenarios = { 'b.feature: second': [tokenExchange()], 'a.feature: first': [redirectExchange()], 'c.feature: none': [] };
    record(first, scenarios);
    record(second, scenarios);
    const text = readFileSync(join(first, 'scenarios.json'), 'utf8');
    assert.equal(text, readFileSync(join(second, 'scenarios.json'), 'utf8'));
    const written = JSON.parse(text) as Record<string, FixtureExchange[]>;
    assert.deepEqual(Object.keys(written), ['a.feature: first', 'b.feature: second', 'c.feature: none']);
    assert.deepEqual(Object.keys(written['b.feature: second']?.[0]?.response?.headers ?? {}), ['cache-control', 'content-type']);
    assert.equal(text.includes('durationMs'), false);
  });

  it('says in about.json what was recorded, when, and from which target', () => {
    const dir = freshDir();
    record(dir, { one: [tokenExchange(), redirectExchange()], two: [] });
    const about = readJson<Record<string, unknown>>(dir, 'about.json');
    assert.equal(about['format'], 1);
    assert.deepEqual(about['target'], { name: 'mock', origin: ORIGIN });
    assert.equal(about['scenarios'], 2);
    assert.equal(about['exchanges'], 2);
    assert.ok(!Number.isNaN(Date.parse(String(about['recordedAt']))));
  });

  it('redacts text by text when a secret spans two texts of a batch', () => {
    const dir = freshDir();
    const redactor = new Redactor();
    redactor.remember('title-end\u0000http', 'secret');
    record(dir, { s: [{ ...tokenExchange(), title: 'a title-end' }] }, redactor);
    const [exchange] = readJson<ScenarioFixtures>(dir, 'scenarios.json')['s'] ?? [];
    assert.equal(exchange?.title, 'a title-end');
    assert.equal(exchange?.request.url, `${REPLAY_ORIGIN}/restapi/oauth/token`);
  });

  it('refuses a scenario key twice and an exchange outside any scenario', () => {
    const recorder = new FixtureRecorder(freshDir(), new Redactor());
    assert.throws(() => recorder.record(tokenExchange()), HarnessError);
    recorder.beginScenario('once');
    recorder.endScenario();
    assert.throws(() => recorder.beginScenario('once'), /scenario "once" recorded twice/);
  });
});

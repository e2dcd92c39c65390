import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { parseCliOptions, UsageError } from '../../mock-server/cli-options';
import { FaultInjector, faultPlanProblem } from '../../mock-server/faults';
import { type LoggedRequest, type RunningMockServer, startMockServer } from '../../mock-server/index';
import { PATHS } from '../../mock-server/paths';
import { isLoopback } from '../../mock-server/router';
import { toMockRequest } from '../../mock-server/request';
import { FORM, appBasic } from './helpers';

async function post(server: RunningMockServer, path: string, body: string, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(`${server.baseUrl}${path}`, { method: 'POST', headers: { 'content-type': FORM, ...headers }, body });
}

async function logged(server: RunningMockServer, since = 0): Promise<{ requests: LoggedRequest[]; last: number }> {
  const response = await fetch(`${server.baseUrl}${PATHS.requests}?since=${since}`);
  assert.equal(response.status, 200);
  return (await response.json()) as { requests: LoggedRequest[]; last: number };
}

async function planFault(server: RunningMockServer, plan: unknown): Promise<Response> {
  return fetch(`${server.baseUrl}${PATHS.faults}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(plan) });
}

describe('the request log (/__mock/requests)', () => {
  let server: RunningMockServer;
  before(async () => {
    server = await startMockServer();
  });
  after(() => server.stop());

  test('records what a client sent, in order, with the status it got; the controls are not in it', async () => {
    const { last: start } = await logged(server);
    const app = server.registry.apps['private-desktop'];
    await post(server, `${PATHS.token}?client_id=${app.clientId}`, 'grant_type=password&username=%2B16505550100', { authorization: appBasic(app) });
    await fetch(`${server.baseUrl}${PATHS.clock}`);
    const { requests, last } = await logged(server, start);
    assert.equal(requests.length, 1);
    assert.equal(last, start + 1);
    const [entry] = requests;
    assert.equal(entry?.method, 'POST');
    assert.equal(entry?.route, 'token');
    assert.deepEqual(entry?.query, [['client_id', app.clientId]]);
    assert.deepEqual(entry?.form, [['grant_type', 'password'], ['username', '+16505550100']]);
    assert.equal(entry?.headers['authorization'], appBasic(app));
    assert.equal(entry?.mediaType, FORM);
    assert.equal(entry?.status, 400);
    assert.equal(entry?.fault, false);
  });

  test('a JSON body is kept as text; since= must be a number; DELETE forgets', async () => {
    await fetch(`${server.baseUrl}${PATHS.token}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"grant_type":"password"}' });
    const { requests } = await logged(server);
    assert.equal(requests.at(-1)?.bodyText, '{"grant_type":"password"}');
    assert.equal((await fetch(`${server.baseUrl}${PATHS.requests}?since=x`)).status, 400);
    assert.equal((await fetch(`${server.baseUrl}${PATHS.requests}`, { method: 'DELETE' })).status, 200);
    assert.equal((await logged(server)).requests.length, 0);
    assert.equal((await fetch(`${server.baseUrl}${PATHS.requests}`, { method: 'PUT' })).status, 405);
  });

  test('the mock reads a username of the form number*extension, as RingCentral does', async () => {
    const app = server.registry.apps['private-desktop'];
    const alice = server.registry.users[0];
    const form = new URLSearchParams({ grant_type: 'password', username: `${alice?.username}*${alice?.extension}`, password: alice?.password ?? '' });
    assert.equal((await post(server, PATHS.token, form.toString(), { authorization: appBasic(app) })).status, 200);
    form.set('username', `${alice?.username}*999`);
    assert.equal((await post(server, PATHS.token, form.toString(), { authorization: appBasic(app) })).status, 400);
  });
});

describe('injected faults (/__mock/faults, --fail-*)', () => {
  let server: RunningMockServer;
  before(async () => {
    server = await startMockServer({ faults: [{ count: 1, path: PATHS.revoke, status: 503, headers: { 'Retry-After': '7' } }] });
  });
  after(() => server.stop());

  test('a fault given at start answers the next request to its path, once, and is logged as a fault', async () => {
    const first = await post(server, PATHS.revoke, 'token=x');
    assert.equal(first.status, 503);
    assert.equal(first.headers.get('retry-after'), '7');
    assert.equal(((await first.json()) as { error?: string }).error, 'temporarily_unavailable');
    assert.notEqual((await post(server, PATHS.revoke, 'token=x')).status, 503);
    const revocations = (await logged(server)).requests.filter((entry) => entry.route === 'revoke');
    assert.deepEqual(revocations.map((entry) => [entry.status, entry.fault]), [[503, true], [401, false]]);
  });

  test('POST adds a plan for the next N requests to any endpoint, with a body of its own; GET lists, DELETE clears', async () => {
    const added = await planFault(server, { count: 2, status: 500, body: 'boom' });
    assert.equal(added.status, 201);
    for (const path of [PATHS.token, PATHS.resource]) {
      const answer = await fetch(`${server.baseUrl}${path}`);
      assert.equal(answer.status, 500);
      assert.equal(await answer.text(), 'boom');
    }
    assert.notEqual((await fetch(`${server.baseUrl}${PATHS.resource}`)).status, 500);
    await planFault(server, { count: 5, status: 502 });
    assert.deepEqual(((await (await fetch(`${server.baseUrl}${PATHS.faults}`)).json()) as { faults: { remaining: number }[] }).faults.map((f) => f.remaining), [5]);
    await fetch(`${server.baseUrl}${PATHS.faults}`, { method: 'DELETE' });
    assert.notEqual((await fetch(`${server.baseUrl}${PATHS.resource}`)).status, 502);
    // The controls are never faulted, or a test could not undo its own fault.
    await planFault(server, { count: 1, status: 503 });
    assert.equal((await fetch(`${server.baseUrl}${PATHS.clock}`)).status, 200);
    await fetch(`${server.baseUrl}${PATHS.faults}`, { method: 'DELETE' });
  });

  test('a delay without a status delays the endpoint\'s own answer', async () => {
    await planFault(server, { count: 1, delayMs: 150, path: PATHS.resource });
    const started = performance.now();
    const answer = await fetch(`${server.baseUrl}${PATHS.resource}`);
    assert.ok(performance.now() - started >= 140, 'answered before the delay');
    assert.equal(answer.status, 401);
    const entry = (await logged(server)).requests.at(-1);
    assert.deepEqual([entry?.fault, entry?.delayedMs], [false, 150]);
  });

  test('a bad plan is refused with the reason', async () => {
    for (const [plan, reason] of [
      [{ count: 0, status: 500 }, /count/],
      [{ count: 1, status: 99 }, /status/],
      [{ count: 1 }, /needs a status, a delayMs/],
      [{ count: 1, delayMs: 10, body: 'x' }, /need a status/],
      [{ count: 1, status: 500, path: 'token' }, /path must start/],
      [{ count: 1, status: 500, colour: 'red' }, /unknown member colour/],
      [{ count: 1, status: 500, headers: { 'Bad Name': 'x' } }, /is not a header name/],
      [{ count: 1, status: 500, headers: { 'X-Test': 'a\r\nInjected: 1' } }, /value of header X-Test/],
      [{ count: 1, status: 500, path: PATHS.requests }, /one of the mock's endpoints/],
      [{ count: 1, status: 500, path: `${PATHS.token}?x=1` }, /without a query/],
      [{ count: 1, status: 500, path: '/RESTAPI/oauth/token' }, /one of the mock's endpoints/],
      [{ count: 1, status: 204, body: 'x' }, /204 answer has no body/],
    ] as const) {
      const answer = await planFault(server, plan);
      assert.equal(answer.status, 400);
      assert.match(((await answer.json()) as { error_description: string }).error_description, reason);
    }
    const notJson = await fetch(`${server.baseUrl}${PATHS.faults}`, { method: 'POST', headers: { 'content-type': FORM }, body: 'count=1' });
    assert.equal(notJson.status, 400);
  });

  test("the mock's controls answer only loopback addresses", () => {
    for (const address of ['127.0.0.1', '127.8.9.10', '::1', '::ffff:127.0.0.1']) assert.equal(isLoopback(address), true, address);
    for (const address of ['192.0.2.2', '::ffff:10.0.0.1', 'fe80::1', undefined]) assert.equal(isLoopback(address), false, String(address));
  });

  test('the injector takes the first plan that fits the path and counts it down', () => {
    const faults = new FaultInjector();
    assert.throws(() => faults.add({ count: 1, path: '/a', status: 500 }), /one of the mock's endpoints/);
    faults.clear();
    faults.add({ count: 1, path: PATHS.revoke, status: 500 });
    faults.add({ count: 2, status: 503 });
    const at = (path: string) => faults.take(toMockRequest({ method: 'GET', url: path }))?.status;
    assert.deepEqual([at(PATHS.token), at(PATHS.revoke), at(PATHS.revoke), at(PATHS.revoke)], [503, 500, 503, undefined]);
    assert.equal(faultPlanProblem({ count: 1, status: 429, delayMs: 200_000 })?.startsWith('delayMs'), true);
  });

  test('--fail-* make one plan; without --fail-next they are a usage error', () => {
    assert.deepEqual(parseCliOptions(['--fail-next', '3', '--fail-path', PATHS.token, '--fail-status', '429', '--fail-header', 'Retry-After: 5']).fault, {
      count: 3,
      path: PATHS.token,
      status: 429,
      headers: { 'Retry-After': '5' },
    });
    assert.deepEqual(parseCliOptions(['--fail-next', '1']).fault, { count: 1, status: 503 });
    assert.deepEqual(parseCliOptions(['--fail-next=2', '--fail-delay', '500']).fault, { count: 2, delayMs: 500 });
    for (const args of [['--fail-status', '500'], ['--fail-next', '0'], ['--fail-next', '1', '--fail-status', '700'], ['--fail-next', '1', '--fail-header', 'no colon'], ['--fail-next', '1', '--fail-path', 'token']]) {
      assert.throws(() => parseCliOptions(args), UsageError, args.join(' '));
    }
  });
});

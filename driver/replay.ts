/**
 * Replays fixtures recorded by driver/fixtures.ts as a target: every request to REPLAY_ORIGIN, whether the
 * driver's fetch or a browser navigation, gets the next recorded exchange of the current scenario, and no
 * request leaves for the network. A request matches the recording when its method, origin and path agree;
 * its query and body may differ, because the client draws fresh state and PKCE values on every run, and
 * those live values are given back where the recorded response echoed the recorded ones.
 */
import { readFileSync } from 'node:fs';
import { METHODS } from 'node:http';
import { join } from 'node:path';
import nock from 'nock';
import type { BrowserContext, Route } from 'playwright-core';
import { isRecord } from './driver';
import { HarnessError } from './errors';
import { header, parseJson } from './exchange';
import { FIXTURE_FILES, FIXTURE_FORMAT, type FixtureExchange, REPLAY_ORIGIN, type ScenarioFixtures } from './fixtures';
import type { TargetProfile } from './target';

// nock overrides http and fetch as soon as it is loaded; a run that does not replay must not go through it.
nock.restore();

export interface ReplayTarget {
  /** The recorded profile, named "replay:<dir>", at REPLAY_ORIGIN. */
  readonly profile: TargetProfile;
  beginScenario(key: string): void;
  /** What did not replay as recorded (an unexpected request, an exchange left unused); empty when all did. */
  endScenario(): string[];
  /** Answers the context's requests from the same recording; loopback, the client's own side, is left alone. */
  prepareBrowserContext(context: BrowserContext): Promise<void>;
  /** Undoes the interception and lets requests go to the network again. */
  stop(): void;
}

/** Loopback stays reachable: the client's redirect URI and any local server of a test live there. */
const LOOPBACK_HOST = /^(127\.0\.0\.1|localhost)(:\d+)?$/;

/** The status of a request the recording cannot answer; outside the range any real server uses. */
const NOT_REPLAYED = 599;

/** The redactor's own threshold: shorter values would be swapped wherever they occur by chance. */
const MIN_ECHOED_LENGTH = 4;

/** A request as it arrives, from fetch or from the browser. */
interface LiveRequest {
  readonly method: string;
  readonly url: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body?: string;
}

type Answer =
  | {
      readonly status: number;
      readonly headers: Readonly<Record<string, string>>;
      readonly body: string;
      /** Set on the replay's own refusal (599), which the driver's client gets as a failure naming the cause. */
      readonly refused?: true;
    }
  | { readonly failure: string };

export function startReplay(dir: string): ReplayTarget {
  const fixtures = loadFixtures(dir);
  if (nock.isActive()) throw new HarnessError('replay: another replay is running; stop it first');
  const player = new ScenarioPlayer(fixtures.scenarios, join(dir, FIXTURE_FILES.scenarios));
  nock.activate();
  nock.disableNetConnect();
  nock.enableNetConnect(LOOPBACK_HOST);
  for (const method of METHODS) {
    nock(REPLAY_ORIGIN)
      .persist()
      .intercept(() => true, method)
      .reply(function (path, body) {
        const answer = player.answer({
          method,
          url: new URL(path, REPLAY_ORIGIN).toString(),
          headers: this.req.headers,
          ...(body === '' ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
        });
        if ('failure' in answer) return Promise.reject(new Error(answer.failure));
        if (answer.refused) return Promise.reject(new Error(answer.body.trim()));
        return [answer.status, answer.body, answer.headers];
      });
  }
  return {
    profile: { ...fixtures.profile, name: `replay:${dir}`, baseUrl: REPLAY_ORIGIN, rateLimits: [] },
    beginScenario: (key) => player.begin(key),
    endScenario: () => player.end(),
    prepareBrowserContext: async (context) => {
      await context.route((url) => !LOOPBACK_HOST.test(url.host), (route) => fulfill(route, player));
    },
    stop: () => {
      nock.cleanAll();
      nock.enableNetConnect();
      nock.restore();
    },
  };
}

/**
 * Only navigations were recorded, so only they are answered from the recording, whatever their host (a
 * sign-in page may live on another one); anything else a page asks for gets a 404 rather than the network.
 */
async function fulfill(route: Route, player: ScenarioPlayer): Promise<void> {
  const request = route.request();
  if (!request.isNavigationRequest()) {
    await route.fulfill({ status: 404, contentType: 'text/plain', body: 'replay: only navigations were recorded' });
    return;
  }
  const body = request.postData();
  const answer = player.answer({
    method: request.method(),
    url: request.url(),
    headers: await request.allHeaders(),
    ...(body === null ? {} : { body }),
  });
  if ('failure' in answer) await route.abort('failed');
  else await route.fulfill({ status: answer.status, headers: { ...answer.headers }, body: answer.body });
}

/**
 * Hands out one scenario's recorded exchanges in order and keeps what went differently. The live values
 * learnt from each request stay for the rest of the scenario: a state sent with the authorization
 * request comes back in a redirect several navigations later.
 */
class ScenarioPlayer {
  private recording: readonly FixtureExchange[] = [];
  private next = 0;
  private problems: string[] = [];
  private replaying = false;
  private readonly echoes = new Echoes();

  constructor(
    private readonly scenarios: ScenarioFixtures,
    private readonly file: string,
  ) {}

  begin(key: string): void {
    this.replaying = true;
    this.next = 0;
    this.problems = [];
    this.echoes.clear();
    const recording = this.scenarios[key];
    if (recording === undefined) this.problems.push(`${this.file} has no recording of scenario "${key}"`);
    this.recording = recording ?? [];
  }

  end(): string[] {
    const unused = this.recording.slice(this.next);
    if (unused.length > 0) {
      const list = unused.map((exchange) => `${describeRequest(exchange.request)} (${exchange.title})`).join(', ');
      this.problems.push(`${unused.length} recorded exchange${unused.length === 1 ? ' was' : 's were'} never requested: ${list}`);
    }
    const problems = this.problems;
    this.replaying = false;
    this.recording = [];
    this.problems = [];
    return problems;
  }

  /** The next recorded answer when the request is the one recorded next; a refusal (599) saying why not otherwise. */
  answer(live: LiveRequest): Answer {
    if (!this.replaying) return refusal(`${describeRequest(live)} came outside any scenario`);
    const position = this.next + 1;
    const expected = this.recording[this.next];
    if (expected === undefined) {
      return this.problem(`request ${position}, ${describeRequest(live)}: the recording has only ${this.recording.length} exchange(s)`);
    }
    if (endpoint(expected.request) !== endpoint(live)) {
      return this.problem(`request ${position}: expected ${describeRequest(expected.request)} (${expected.title}), got ${describeRequest(live)}`);
    }
    this.next += 1;
    const { response } = expected;
    if (response === undefined) return { failure: `replayed transport failure: ${expected.failure ?? 'no response'}` };
    this.echoes.learn(expected.request, live);
    const headers = Object.fromEntries(
      Object.entries(response.headers).map(([name, value]) => [name, name === 'location' ? this.echoes.apply(value) : value]),
    );
    return { status: response.status, headers, body: this.echoes.apply(response.body) };
  }

  private problem(text: string): Answer {
    this.problems.push(text);
    return refusal(text);
  }
}

/** Recorded values the client has since sent differently, in every spelling, each with its live counterpart. */
class Echoes {
  private readonly swaps = new Map<string, string>();

  clear(): void {
    this.swaps.clear();
  }

  /**
   * Pairs each parameter of the recorded request with the live one of the same name and position (state,
   * a code challenge, a redirect URI). "[REDACTED]" stands for any secret and says nothing about which one,
   * and very short values turn up by chance in ordinary text: neither is swapped.
   */
  learn(recorded: LiveRequest, live: LiveRequest): void {
    const liveFields = parameters(live);
    for (const [name, values] of parameters(recorded)) {
      values.forEach((value, index) => {
        const now = liveFields.get(name)?.[index];
        if (now === undefined || now === value || value.length < MIN_ECHOED_LENGTH || value === '[REDACTED]') return;
        const replacements = spellings(now);
        spellings(value).forEach((form, i) => this.swaps.set(form, replacements[i] ?? now));
      });
    }
  }

  /** One pass, longest first, so that a value put in is never replaced again. */
  apply(text: string): string {
    if (this.swaps.size === 0) return text;
    const pattern = new RegExp([...this.swaps.keys()].sort((a, b) => b.length - a.length).map(escapeRegExp).join('|'), 'g');
    return text.replace(pattern, (found) => this.swaps.get(found) ?? found);
  }
}

function refusal(text: string): Answer {
  return { status: NOT_REPLAYED, headers: { 'content-type': 'text/plain; charset=utf-8' }, body: `replay: ${text}\n`, refused: true };
}

/** Method, origin and path: what identifies a request whatever fresh values its query and body carry. */
function endpoint(request: { readonly method: string; readonly url: string }): string {
  const url = new URL(request.url);
  return `${request.method.toUpperCase()} ${url.origin}${url.pathname}`;
}

function describeRequest(request: { readonly method: string; readonly url: string }): string {
  const url = new URL(request.url);
  return `${request.method.toUpperCase()} ${url.origin === REPLAY_ORIGIN ? '' : url.origin}${url.pathname}`;
}

/** Raw, percent-encoded, form-encoded and JSON-escaped, in that order for both sides of a swap. */
function spellings(value: string): string[] {
  const percent = encodeURIComponent(value);
  return [value, percent, percent.replace(/%20/g, '+'), JSON.stringify(value).slice(1, -1)];
}

/** Query parameters, then form or JSON body members, by name in the order sent. */
function parameters(request: LiveRequest): Map<string, string[]> {
  const fields = new Map<string, string[]>();
  const add = (name: string, value: unknown): void => {
    if (typeof value === 'string') fields.set(name, [...(fields.get(name) ?? []), value]);
  };
  const query = request.url.indexOf('?');
  // Not through URL: a recorded query may hold a placeholder's '#', which would start a fragment there.
  if (query >= 0) for (const [name, value] of new URLSearchParams(request.url.slice(query + 1))) add(name, value);
  if (request.body === undefined) return fields;
  const type = header(request.headers, 'content-type') ?? '';
  if (type.includes('application/x-www-form-urlencoded')) {
    for (const [name, value] of new URLSearchParams(request.body)) add(name, value);
  } else if (type.includes('json')) {
    const parsed = parseJson(request.body);
    if (isRecord(parsed)) for (const [name, value] of Object.entries(parsed)) add(name, value);
  }
  return fields;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

interface Fixtures {
  readonly profile: TargetProfile;
  readonly scenarios: ScenarioFixtures;
}

/** The three files, each checked for what replay relies on; the first fault ends the run with the file named. */
function loadFixtures(dir: string): Fixtures {
  const about = readJson(dir, FIXTURE_FILES.about);
  if (!isRecord(about) || about['format'] !== FIXTURE_FORMAT) {
    throw fixtureError(dir, FIXTURE_FILES.about, `not fixtures of format ${FIXTURE_FORMAT} (record them again)`);
  }
  const profile = readJson(dir, FIXTURE_FILES.profile);
  const fault = profileFault(profile);
  if (fault !== undefined) throw fixtureError(dir, FIXTURE_FILES.profile, fault);
  const scenarios = readJson(dir, FIXTURE_FILES.scenarios);
  if (!isRecord(scenarios)) throw fixtureError(dir, FIXTURE_FILES.scenarios, 'not an object of scenarios by key');
  for (const [key, exchanges] of Object.entries(scenarios)) {
    if (!Array.isArray(exchanges)) throw fixtureError(dir, FIXTURE_FILES.scenarios, `scenario "${key}" is not a list of exchanges`);
    exchanges.forEach((exchange: unknown, index) => {
      const problem = exchangeFault(exchange);
      if (problem !== undefined) throw fixtureError(dir, FIXTURE_FILES.scenarios, `scenario "${key}", exchange ${index + 1}: ${problem}`);
    });
  }
  return { profile: profile as TargetProfile, scenarios: scenarios as ScenarioFixtures };
}

function readJson(dir: string, file: string): unknown {
  let text: string;
  try {
    text = readFileSync(join(dir, file), 'utf8');
  } catch (error) {
    const code = error instanceof Error && 'code' in error ? String(error.code) : '';
    throw fixtureError(dir, file, code === 'ENOENT' ? 'missing (record the fixtures first)' : `unreadable (${code})`);
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw fixtureError(dir, file, `not valid JSON (${error instanceof Error ? error.message : String(error)})`);
  }
}

function fixtureError(dir: string, file: string, problem: string): HarnessError {
  return new HarnessError(`replay fixtures ${join(dir, file)}: ${problem.split('\n')[0] ?? ''}`);
}

/** The members of a TargetProfile the driver cannot do without, by the type each must have. */
const PROFILE_MEMBERS: Readonly<Record<string, 'string' | 'object' | 'array'>> = {
  name: 'string',
  baseUrl: 'string',
  paths: 'object',
  apps: 'object',
  users: 'object',
  capabilities: 'array',
};

function profileFault(value: unknown): string | undefined {
  if (!isRecord(value)) return 'not a target profile object';
  for (const [name, kind] of Object.entries(PROFILE_MEMBERS)) {
    const member = value[name];
    const ok = kind === 'array' ? Array.isArray(member) : kind === 'object' ? isRecord(member) : typeof member === kind;
    if (!ok) return `"${name}" is missing or not ${kind === 'array' ? 'a list' : `a${kind === 'object' ? 'n' : ''} ${kind}`}`;
  }
  const paths = value['paths'] as Record<string, unknown>;
  const missing = ['authorize', 'token', 'revoke', 'resource'].find((name) => typeof paths[name] !== 'string');
  return missing === undefined ? undefined : `"paths.${missing}" is missing or not a string`;
}

function exchangeFault(value: unknown): string | undefined {
  if (!isRecord(value) || typeof value['title'] !== 'string') return 'not an exchange with a title';
  const request = value['request'];
  if (!isRecord(request) || typeof request['method'] !== 'string' || !isUrl(request['url']) || !isStringMap(request['headers'])) {
    return 'the request needs a method, an absolute url and headers';
  }
  if (request['body'] !== undefined && typeof request['body'] !== 'string') return 'the request body is not a string';
  const response = value['response'];
  if (response === undefined) return typeof value['failure'] === 'string' ? undefined : 'neither a response nor a failure';
  if (!isRecord(response) || !Number.isInteger(response['status']) || !isStringMap(response['headers']) || typeof response['body'] !== 'string') {
    return 'the response needs a status, headers and a body';
  }
  const status = response['status'] as number;
  return status >= 200 && status <= 599 ? undefined : `status ${status} cannot be replayed`;
}

function isUrl(value: unknown): boolean {
  return typeof value === 'string' && URL.canParse(value);
}

function isStringMap(value: unknown): boolean {
  return isRecord(value) && Object.values(value).every((member) => typeof member === 'string');
}

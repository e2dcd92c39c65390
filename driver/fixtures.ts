/**
 * Records a run's exchanges as fixtures that driver/replay.ts can answer from, offline. Nothing reaches
 * disk unredacted: the exchanges are kept raw in memory and redacted only when written, with everything
 * the redactor has learnt by then, so a secret first seen late in the run is hidden in earlier exchanges
 * too. The target's origin becomes REPLAY_ORIGIN, so the fixtures do not depend on the port it ran on.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { HarnessError } from './errors';
import { type Exchange, learnSecrets, type RecordedRequest, type RecordedResponse } from './exchange';
import { type Redactor, SENSITIVE_HEADERS } from './redaction';
import type { AppCredentials, TargetProfile, UserCredentials } from './target';

/** Where a replayed target lives: a reserved name that no resolver answers (RFC 6761 §6.4). */
export const REPLAY_ORIGIN = 'https://replay.invalid';

/** Bumped whenever the files change in layout or meaning, so that replay refuses what it cannot read. */
export const FIXTURE_FORMAT = 1;

export const FIXTURE_FILES = { about: 'about.json', profile: 'profile.json', scenarios: 'scenarios.json' } as const;

/** One exchange as written: an Exchange without its duration, which differs at every run. */
export interface FixtureExchange {
  readonly title: string;
  readonly request: RecordedRequest;
  readonly response?: RecordedResponse;
  readonly failure?: string;
}

/** scenarios.json: every recorded scenario by its key, its exchanges in the order they were made. */
export type ScenarioFixtures = Readonly<Record<string, readonly FixtureExchange[]>>;

/**
 * Headers that change at every run or describe the transfer rather than the message: leaving them out
 * keeps a fresh recording's diff to what the server said. Redaction changes body lengths anyway, and
 * replay lets the transport count them again.
 */
const UNRECORDED_HEADERS: ReadonlySet<string> = new Set(['date', 'content-length', 'connection', 'keep-alive', 'transfer-encoding']);

/** Headers whose value is a URL: a placeholder in them is percent-encoded so that the URL stays one. */
const URL_HEADERS: ReadonlySet<string> = new Set(['location', 'content-location', 'referer']);

/** The redactor's placeholders, "[REDACTED]" and "[REDACTED token #1a2b3c4d]". */
const PLACEHOLDER = /\[REDACTED(?: token #[0-9a-f]{8})?\]/g;

export class FixtureRecorder {
  private readonly scenarios = new Map<string, Exchange[]>();
  private current: Exchange[] | undefined;

  constructor(
    private readonly dir: string,
    private readonly redactor: Redactor,
  ) {}

  /** Starts the recording of one scenario; a scenario that makes no request is recorded as such. */
  beginScenario(key: string): void {
    if (this.scenarios.has(key)) throw new HarnessError(`fixture recording: scenario "${key}" recorded twice`);
    this.current = [];
    this.scenarios.set(key, this.current);
  }

  record(exchange: Exchange): void {
    if (this.current === undefined) throw new HarnessError(`fixture recording: "${exchange.title}" made outside a scenario`);
    learnSecrets(exchange, this.redactor);
    this.current.push(exchange);
  }

  endScenario(): void {
    this.current = undefined;
  }

  /** Writes profile.json, scenarios.json and about.json into the folder, creating it if need be. */
  finish(profile: TargetProfile): void {
    this.endScenario();
    rememberProfileSecrets(profile, this.redactor);
    const origin = new URL(profile.baseUrl).origin;
    const clean = new Cleaner(this.redactor, origin);
    const recorded = [...this.scenarios.keys()].sort().map((key) => ({ key, exchanges: this.scenarios.get(key) ?? [] }));
    const cleaned = clean.texts([
      profile.name,
      JSON.stringify(placeholderProfile(profile)),
      ...recorded.flatMap(({ key, exchanges }) => [key, ...exchanges.flatMap(textsOf)]),
    ]);
    let at = 0;
    const next = (count: number): string[] => cleaned.slice(at, (at += count));
    const [name = '', profileJson = '{}'] = next(2);
    const scenarios = Object.fromEntries(
      recorded.map(({ key, exchanges }) => [next(1)[0] ?? key, exchanges.map((exchange) => clean.fixture(exchange, next(textsOf(exchange).length)))]),
    );
    const about = {
      format: FIXTURE_FORMAT,
      about: `Exchanges of a conformance run, to replay it offline. Secrets are replaced by [REDACTED] placeholders, the target's origin by ${REPLAY_ORIGIN}.`,
      files: {
        [FIXTURE_FILES.profile]: 'the target profile, its client secrets, passwords and JWT credentials replaced by placeholders',
        [FIXTURE_FILES.scenarios]: 'per scenario key, the exchanges in the order they were made',
      },
      recordedAt: new Date().toISOString(),
      target: { name, origin },
      scenarios: recorded.length,
      exchanges: recorded.reduce((sum, { exchanges }) => sum + exchanges.length, 0),
    };
    mkdirSync(this.dir, { recursive: true });
    writeJson(join(this.dir, FIXTURE_FILES.profile), JSON.parse(profileJson));
    writeJson(join(this.dir, FIXTURE_FILES.scenarios), scenarios);
    writeJson(join(this.dir, FIXTURE_FILES.about), about);
  }
}

/** Joins texts for one redaction; no secret contains it in practice, and a batch that loses one is redone text by text. */
const SEPARATOR = '\u0000';

/**
 * How much text goes through the redactor at once. A call costs a scan per value the redactor knows
 * (hundreds, late in a run) and a copy of the batch per value found in it; measured on a run's worth of
 * exchanges, batches of this size cost least, some 20 times less than one call per text.
 */
const BATCH_CHARS = 32 * 1024;

/** The texts of an exchange that are written, in the order fixture() takes them back. */
function textsOf(exchange: Exchange): string[] {
  const { request, response } = exchange;
  const headers = [...recordedHeaders(request.headers), ...recordedHeaders(response?.headers ?? {})];
  return [exchange.title, request.url, request.body ?? '', response?.body ?? '', exchange.failure ?? '', ...headers.map(([, value]) => value)];
}

/** Redacts what is written, then makes the target's origin REPLAY_ORIGIN. */
class Cleaner {
  private readonly origin: RegExp;
  private readonly host: string;

  constructor(
    private readonly redactor: Redactor,
    private readonly target: string,
  ) {
    // Raw and percent-encoded (inside a redirect_uri, say), and not where it starts a longer port.
    this.origin = new RegExp(`(?:${escapeRegExp(target)}|${escapeRegExp(encodeURIComponent(target))})(?![0-9])`, 'g');
    this.host = new URL(target).host;
  }

  texts(texts: readonly string[]): string[] {
    const cleaned: string[] = [];
    let batch: string[] = [];
    let size = 0;
    const flush = (): void => {
      const redacted = this.redactor.redact(batch.join(SEPARATOR)).split(SEPARATOR);
      const whole = redacted.length === batch.length ? redacted : batch.map((text) => this.redactor.redact(text));
      cleaned.push(...whole.map((text) => this.rewrite(text)));
      batch = [];
      size = 0;
    };
    for (const text of texts) {
      if (batch.length > 0 && size + text.length > BATCH_CHARS) flush();
      batch.push(text);
      size += text.length + 1;
    }
    if (batch.length > 0) flush();
    return cleaned;
  }

  /** The exchange as written, from its texts already cleaned (see textsOf). */
  fixture(exchange: Exchange, texts: readonly string[]): FixtureExchange {
    const { request, response } = exchange;
    const [title = '', url = '', requestBody = '', responseBody = '', failure = '', ...values] = texts;
    const requestHeaders = recordedHeaders(request.headers);
    const headers = (list: [string, string][], offset: number): Record<string, string> =>
      Object.fromEntries(list.map(([name, raw], i) => [name, this.header(name, raw, values[offset + i] ?? '')]));
    return {
      title,
      request: {
        method: request.method,
        url: encodePlaceholders(url),
        headers: headers(requestHeaders, 0),
        ...(request.body === undefined ? {} : { body: requestBody }),
      },
      ...(response === undefined
        ? {}
        : { response: { status: response.status, headers: headers(recordedHeaders(response.headers), requestHeaders.length), body: responseBody } }),
      ...(exchange.failure === undefined ? {} : { failure }),
    };
  }

  /** A sensitive header hidden whole, a URL kept one, a Host naming the target made the replay host. */
  private header(name: string, raw: string, cleaned: string): string {
    if (SENSITIVE_HEADERS.has(name)) return this.redactor.redactHeader(name, raw);
    if (URL_HEADERS.has(name)) return encodePlaceholders(cleaned);
    return name === 'host' && raw === this.host ? new URL(REPLAY_ORIGIN).host : cleaned;
  }

  private rewrite(text: string): string {
    return text.replace(this.origin, (found) => (found === this.target ? REPLAY_ORIGIN : encodeURIComponent(REPLAY_ORIGIN)));
  }
}

/** A placeholder's '#' and spaces percent-encoded, so that a URL holding one is still a URL with that query. */
function encodePlaceholders(url: string): string {
  return url.replace(PLACEHOLDER, encodeURIComponent);
}

/** Names in lower case, sorted for a stable diff, without the headers left out of fixtures. */
function recordedHeaders(headers: Readonly<Record<string, string>>): [string, string][] {
  return Object.entries(headers)
    .map(([name, value]): [string, string] => [name.toLowerCase(), value])
    .filter(([name]) => !UNRECORDED_HEADERS.has(name))
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}

/** The profile's own secrets may never have travelled in this run; they must be hidden all the same. */
function rememberProfileSecrets(profile: TargetProfile, redactor: Redactor): void {
  for (const app of Object.values(profile.apps)) redactor.remember(app?.clientSecret);
  for (const user of Object.values(profile.users)) {
    redactor.remember(user.password);
    redactor.remember(user.jwt);
  }
}

/**
 * The profile with every credential replaced by a placeholder that names it. Not "[REDACTED]": a replaying
 * driver learns these values as secrets, and the runner's leak scan would then find that word everywhere.
 */
function placeholderProfile(profile: TargetProfile): TargetProfile {
  const apps = Object.entries(profile.apps).map(([kind, app]): [string, AppCredentials | undefined] => [
    kind,
    app === undefined || app.clientSecret === undefined ? app : { ...app, clientSecret: `replay-client-secret-${kind}` },
  ]);
  const users = Object.entries(profile.users).map(([key, user]): [string, UserCredentials] => [
    key,
    {
      ...user,
      ...(user.password === undefined ? {} : { password: `replay-password-${key}` }),
      ...(user.jwt === undefined ? {} : { jwt: `replay-jwt-${key}` }),
    },
  ]);
  return { ...profile, apps: Object.fromEntries(apps), users: Object.fromEntries(users) };
}

function writeJson(path: string, value: unknown): void {
  writeFileSync(path, `${JSON.stringify(value, null, 2)}\n`);
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

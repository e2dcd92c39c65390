/**
 * Target profiles as validated configuration. A profile file is JSON; every credential in it is a reference
 * to an environment variable, `{ "env": "NAME" }`, never a literal, so that no committed file holds a
 * secret. Each problem is reported with the file and the field, in one line.
 */
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { APP_KINDS, type AppKind } from '../spec/app-types';
import { CAPABILITIES, type Capability } from '../spec/requirements/requirement';
import { HarnessError } from './errors';
import type { AppCredentials, EndpointPaths, LoginPage, RateLimit, TargetProfile, UserCredentials } from './target';

/** A profile that cannot be used as it is: the message names the file and the field. */
export class ProfileError extends HarnessError {}

/** What a profile file adds to the profile itself: where its known deviations are listed. */
export interface LoadedProfile {
  readonly profile: TargetProfile;
  /** Absolute path of the baseline file, when the profile names one. */
  readonly baseline?: string;
}

export type Environment = Readonly<Record<string, string | undefined>>;

const ENDPOINTS: readonly (keyof EndpointPaths)[] = ['authorize', 'token', 'revoke', 'resource'];
const LOGIN_FIELDS: readonly (keyof LoginPage)[] = ['username', 'extension', 'next', 'password', 'submit', 'approve', 'decline'];
const TOP_LEVEL = ['name', 'description', 'baseUrl', 'paths', 'scopedResource', 'capabilities', 'apps', 'users', 'rateLimits', 'loginPage', 'baseline'];

/** Reads, resolves and validates a profile file. */
export function loadProfileFile(path: string, env: Environment): LoadedProfile {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    const code = typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : '';
    throw new ProfileError(`${path}: cannot read the target profile${code === 'ENOENT' ? ': no such file' : ` (${code})`}`);
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new ProfileError(`${path}: not valid JSON: ${jsonProblem(error, text)}`);
  }
  return parseProfile(data, path, env);
}

/** JSON.parse's complaint, with the line and column of the position it names. */
export function jsonProblem(error: unknown, text: string): string {
  const message = error instanceof Error ? error.message : String(error);
  const position = /at position (\d+)/.exec(message);
  if (position === null) return message;
  const before = text.slice(0, Number(position[1])).split('\n');
  return `${message} (line ${before.length}, column ${(before[before.length - 1]?.length ?? 0) + 1})`;
}

/**
 * Validates profile data and resolves its environment references. An app or user whose variables are all
 * unset is left out (its scenarios skip); one with some set and others not is a mistake worth naming.
 */
export function parseProfile(data: unknown, file: string, env: Environment): LoadedProfile {
  const at = new Fields(file, env);
  const root = at.record(data, '');
  at.noUnknown(root, TOP_LEVEL, '');
  const name = at.string(root['name'], 'name');
  if (root['description'] !== undefined) at.string(root['description'], 'description');
  const baseUrl = at.baseUrl(at.value(root['baseUrl'], 'baseUrl'));
  const pathsData = at.record(root['paths'], 'paths');
  at.noUnknown(pathsData, ENDPOINTS, 'paths');
  const paths = Object.fromEntries(ENDPOINTS.map((key) => [key, at.path(pathsData[key], `paths.${key}`)])) as unknown as EndpointPaths;
  const capabilities = at.list(root['capabilities'] ?? [], 'capabilities').map((entry, index) => at.capability(entry, `capabilities[${index}]`));
  // HTTPS is a property of the base URL, not something a profile declares.
  const https = new URL(baseUrl).protocol === 'https:';
  if (!https && capabilities.includes('tls')) at.fail('capabilities', 'tls follows from an https baseUrl; this one is plain http');
  if (https && !capabilities.includes('tls')) capabilities.push('tls');

  const apps: Partial<Record<AppKind, AppCredentials>> = {};
  const appsData = at.record(root['apps'] ?? {}, 'apps');
  for (const [kind, entry] of Object.entries(appsData)) {
    if (!(APP_KINDS as readonly string[]).includes(kind)) at.fail(`apps.${kind}`, `not an app type (known: ${APP_KINDS.join(', ')})`);
    const app = at.app(entry, `apps.${kind}`, kind.startsWith('private-'));
    if (app !== undefined) apps[kind as AppKind] = app;
  }
  const users: Record<string, UserCredentials> = {};
  for (const [key, entry] of Object.entries(at.record(root['users'] ?? {}, 'users'))) {
    const user = at.user(entry, `users.${key}`);
    if (user !== undefined) users[key] = user;
  }
  const scoped = root['scopedResource'] === undefined ? undefined : at.record(root['scopedResource'], 'scopedResource');
  if (scoped !== undefined) at.noUnknown(scoped, ['path', 'scope'], 'scopedResource');
  const rateLimits = at.list(root['rateLimits'] ?? [], 'rateLimits').map((entry, index) => at.rateLimit(entry, `rateLimits[${index}]`));
  const loginPage = root['loginPage'] === undefined ? undefined : at.loginPage(root['loginPage']);
  const baseline = root['baseline'] === undefined ? undefined : resolve(dirname(file), at.string(root['baseline'], 'baseline'));
  at.throwIfMissing(name);
  const profile: TargetProfile = {
    name,
    baseUrl: baseUrl.replace(/\/$/, ''),
    paths,
    apps,
    users,
    capabilities,
    rateLimits,
    ...(loginPage === undefined ? {} : { loginPage }),
    ...(scoped === undefined ? {} : { scopedResource: { path: at.path(scoped['path'], 'scopedResource.path'), scope: at.string(scoped['scope'], 'scopedResource.scope') } }),
  };
  return { profile, ...(baseline === undefined ? {} : { baseline }) };
}

/**
 * Checks that a profile holds something to test with: at least one app and one user. Without them, the
 * one line names every variable the profile reads, which is what the user has to set.
 */
export function requireCredentials(loaded: LoadedProfile, data: unknown, env: Environment, hint: string): void {
  const { profile } = loaded;
  if (Object.keys(profile.apps).length > 0 && Object.keys(profile.users).length > 0) return;
  const missing = (['apps', 'users'] as const).filter((part) => Object.keys(profile[part]).length === 0);
  const record = typeof data === 'object' && data !== null ? (data as Record<string, unknown>) : {};
  const variables = [...new Set(missing.flatMap((part) => envNames(record[part])))].filter((name) => env[name] === undefined || env[name] === '');
  const what = missing.map((part) => (part === 'apps' ? 'no app' : 'no user')).join(' and ');
  throw new ProfileError(
    `target ${profile.name} has ${what} credentials: set ${variables.length > 0 ? variables.join(', ') : `the ${missing.join(' and ')} of the profile`} (${hint})`,
  );
}

/** The variables a part of a profile needs: those without a default that are not optional. */
function envNames(data: unknown): string[] {
  if (Array.isArray(data)) return data.flatMap(envNames);
  if (typeof data !== 'object' || data === null) return [];
  const record = data as Record<string, unknown>;
  if (typeof record['env'] === 'string') return record['default'] === undefined && record['optional'] !== true ? [record['env']] : [];
  return Object.values(record).flatMap(envNames);
}

/** A value that may be given literally or as { "env": NAME, "default"?: … , "optional"?: true }. */
interface EnvReference {
  readonly env: string;
  readonly default?: string;
  readonly optional?: boolean;
}

/** Field checks that collect unset variables and fail on anything malformed, naming the field. */
class Fields {
  private readonly unset: string[] = [];

  constructor(
    private readonly file: string,
    private readonly env: Environment,
  ) {}

  fail(field: string, problem: string): never {
    throw new ProfileError(`${this.file}: ${field === '' ? '' : `${field}: `}${problem}`);
  }

  throwIfMissing(name: string): void {
    if (this.unset.length > 0) this.fail('', `target ${name} needs ${this.unset.join(', ')} in the environment`);
  }

  /** A field that must be there and is not: what to write instead. */
  private required(value: unknown, field: string, shape: string): void {
    if (value === undefined) this.fail(field, `missing; write ${shape}`);
  }

  record(value: unknown, field: string): Record<string, unknown> {
    this.required(value, field, 'an object');
    if (typeof value !== 'object' || value === null || Array.isArray(value)) this.fail(field || '(top level)', 'must be an object');
    return value as Record<string, unknown>;
  }

  list(value: unknown, field: string): unknown[] {
    if (!Array.isArray(value)) this.fail(field, 'must be a list');
    return value;
  }

  noUnknown(record: Record<string, unknown>, known: readonly string[], field: string): void {
    const unknown = Object.keys(record).find((key) => !known.includes(key));
    if (unknown !== undefined) this.fail(field === '' ? unknown : `${field}.${unknown}`, `unknown field (known: ${known.join(', ')})`);
  }

  string(value: unknown, field: string): string {
    this.required(value, field, 'a non-empty string');
    if (typeof value !== 'string' || value.trim() === '') this.fail(field, 'must be a non-empty string');
    return value;
  }

  /** A literal string, or the value of an environment reference; undefined for an unset optional one. */
  value(value: unknown, field: string, secret = false): string | undefined {
    const literal = 'a secret must come from the environment: write { "env": "VARIABLE_NAME" }, without a default';
    this.required(value, field, secret ? '{ "env": "VARIABLE_NAME" }' : 'the value, or { "env": "VARIABLE_NAME" }');
    if (typeof value === 'string') {
      if (secret) this.fail(field, literal);
      return this.string(value, field);
    }
    const reference = this.reference(value, field);
    if (secret && reference.default !== undefined) this.fail(`${field}.default`, literal);
    const found = this.env[reference.env];
    if (found !== undefined && found !== '') return found;
    if (reference.default !== undefined) return reference.default;
    if (reference.optional !== true) this.unset.push(`${reference.env} (for ${field})`);
    return undefined;
  }

  private reference(value: unknown, field: string): EnvReference {
    const record = this.record(value, field);
    this.noUnknown(record, ['env', 'default', 'optional'], field);
    const name = this.string(record['env'], `${field}.env`);
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) this.fail(`${field}.env`, `"${name}" is not an environment variable name`);
    if (record['default'] !== undefined) this.string(record['default'], `${field}.default`);
    if (record['optional'] !== undefined && typeof record['optional'] !== 'boolean') this.fail(`${field}.optional`, 'must be true or false');
    return record as unknown as EnvReference;
  }

  /** The origin the paths are appended to: no path of its own (it would be lost) and no user or password in it. */
  baseUrl(value: string | undefined): string {
    const url = this.url(value, 'baseUrl');
    const parsed = new URL(url);
    if (parsed.username !== '' || parsed.password !== '') this.fail('baseUrl', 'must not carry a user name or password');
    if (parsed.pathname !== '/' || parsed.search !== '' || parsed.hash !== '') {
      this.fail('baseUrl', `must be an origin such as ${parsed.origin}; put the path ${parsed.pathname} in front of each of paths instead`);
    }
    return url;
  }

  url(value: string | undefined, field: string): string {
    if (value === undefined) return 'http://unset.invalid';
    let url: URL;
    try {
      url = new URL(value);
    } catch {
      this.fail(field, `"${value}" is not a URL`);
    }
    if (url.protocol !== 'https:' && url.protocol !== 'http:') this.fail(field, `"${value}" must be an http or https URL`);
    return value;
  }

  path(value: unknown, field: string): string {
    const path = this.string(value, field);
    // "//host/x" would be another host's URL: requests, and their credentials, would go there.
    if (!path.startsWith('/') || path.startsWith('//')) this.fail(field, `"${path}" must start with a single /`);
    return path;
  }

  capability(value: unknown, field: string): Capability {
    if (typeof value !== 'string' || !(value in CAPABILITIES)) {
      this.fail(field, `${JSON.stringify(value)} is not a capability (known: ${Object.keys(CAPABILITIES).join(', ')})`);
    }
    return value as Capability;
  }

  /** An app; undefined when none of its variables is set. */
  app(value: unknown, field: string, confidential: boolean): AppCredentials | undefined {
    const record = this.record(value, field);
    this.noUnknown(record, ['clientId', 'clientSecret', 'redirectUris'], field);
    const probe = new Fields(this.file, this.env);
    const clientId = probe.value(record['clientId'], `${field}.clientId`);
    if (clientId === undefined) return undefined;
    if (confidential && record['clientSecret'] === undefined) this.fail(`${field}.clientSecret`, 'a private app needs its client secret');
    const clientSecret = record['clientSecret'] === undefined ? undefined : this.value(record['clientSecret'], `${field}.clientSecret`, true);
    const redirectUris = this.list(record['redirectUris'] ?? [], `${field}.redirectUris`)
      .map((uri, index) => this.value(uri, `${field}.redirectUris[${index}]`))
      .filter((uri): uri is string => uri !== undefined)
      .map((uri, index) => this.url(uri, `${field}.redirectUris[${index}]`));
    return { clientId, ...(clientSecret === undefined ? {} : { clientSecret }), redirectUris };
  }

  /** A user; undefined when the username's variable is not set. */
  user(value: unknown, field: string): UserCredentials | undefined {
    const record = this.record(value, field);
    this.noUnknown(record, ['username', 'extension', 'password', 'jwt'], field);
    const probe = new Fields(this.file, this.env);
    const username = probe.value(record['username'], `${field}.username`);
    if (username === undefined) return undefined;
    const optional = (key: 'extension' | 'password' | 'jwt', secret: boolean): Partial<UserCredentials> => {
      const found = record[key] === undefined ? undefined : this.value(record[key], `${field}.${key}`, secret);
      return found === undefined ? {} : { [key]: found };
    };
    return { username, ...optional('extension', false), ...optional('password', true), ...optional('jwt', true) };
  }

  loginPage(value: unknown): LoginPage {
    const data = this.record(value, 'loginPage');
    this.noUnknown(data, LOGIN_FIELDS, 'loginPage');
    return {
      username: this.string(data['username'], 'loginPage.username'),
      password: this.string(data['password'], 'loginPage.password'),
      submit: this.string(data['submit'], 'loginPage.submit'),
      ...Object.fromEntries(
        (['extension', 'next', 'approve', 'decline'] as const)
          .filter((key) => data[key] !== undefined)
          .map((key) => [key, this.string(data[key], `loginPage.${key}`)]),
      ),
    };
  }

  rateLimit(value: unknown, field: string): RateLimit {
    const record = this.record(value, field);
    this.noUnknown(record, ['group', 'endpoints', 'requests', 'windowSeconds'], field);
    const endpoints = this.list(record['endpoints'], `${field}.endpoints`).map((entry, index) => {
      if (typeof entry !== 'string' || !(ENDPOINTS as readonly string[]).includes(entry)) {
        this.fail(`${field}.endpoints[${index}]`, `${JSON.stringify(entry)} is not an endpoint (known: ${ENDPOINTS.join(', ')})`);
      }
      return entry as keyof EndpointPaths;
    });
    const positive = (key: 'requests' | 'windowSeconds'): number => {
      const number = record[key];
      const most = key === 'requests' ? 100_000 : 86_400;
      if (typeof number !== 'number' || !(number > 0) || number > most || (key === 'requests' && !Number.isInteger(number))) {
        this.fail(`${field}.${key}`, `must be a positive ${key === 'requests' ? 'whole ' : ''}number up to ${most}`);
      }
      return number;
    };
    return { group: this.string(record['group'], `${field}.group`), endpoints, requests: positive('requests'), windowSeconds: positive('windowSeconds') };
  }
}

/**
 * The targets a run can test: the embedded mock (strict, or in RingCentral's fidelity mode), the live
 * RingCentral platform, a replay of recorded fixtures, or any server described by a profile file.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseEnv } from 'node:util';
import { type Environment, type LoadedProfile, loadProfileFile, parseProfile, ProfileError, requireCredentials } from '../driver/profile';
import { startReplay } from '../driver/replay';
import type { RunHooks } from '../driver/run-context';
import type { TargetProfile } from '../driver/target';
import { DEFECTS, startMockServer } from '../mock-server';
import { OAuth2Server } from 'oauth2-mock-server';
import { APP_KINDS } from '../spec/app-types';

export interface StartedTarget {
  readonly profile: TargetProfile;
  /** Absolute path of the target's known deviations, when it has any. */
  readonly baseline?: string;
  /** Secrets the target itself issued (a mock knows them), for the leak scan. */
  readonly issuedSecrets: () => string[];
  /** Replay only: the hooks that answer each scenario's requests from its recording. */
  readonly hooks?: RunHooks;
  readonly stop: () => Promise<void>;
}

export const BUILT_IN_TARGETS = [
  'mock',
  'mock:ringcentral',
  'mock:defect:<id>',
  'oauth2-mock-server',
  'ringcentral',
  'replay:<fixtures folder>',
  '<profile file>.json',
] as const;

/** The ringcentral profile as shipped: credentials from RINGCENTRAL_* variables. */
export const RINGCENTRAL_PROFILE = resolve(__dirname, '..', 'targets', 'ringcentral', 'profile.json');

/** The oauth2-mock-server library as it ships, described as any other server would be. */
export const STOCK_LIBRARY_PROFILE = resolve(__dirname, '..', 'targets', 'oauth2-mock-server', 'profile.json');

/** The prefix of a one-defect variant of the mock (mock-server/defects.ts). */
const DEFECT_PREFIX = 'mock:defect:';

/** RingCentral's known deviations, for the platform, the mock's fidelity mode and recordings of either. */
export const RINGCENTRAL_BASELINE = resolve(__dirname, '..', 'targets', 'ringcentral', 'baseline.json');

/** The recorded target's baseline, copied beside its fixtures, for a replay of a target other than RingCentral. */
export const RECORDED_BASELINE = 'baseline.json';

/** Whether a fixtures folder was recorded from RingCentral or the mock's ringcentral mode (its about.json says). */
function recordedFromRingCentral(folder: string): boolean {
  try {
    const about: unknown = JSON.parse(readFileSync(resolve(folder, 'about.json'), 'utf8'));
    const name = (about as { target?: { name?: unknown } }).target?.name;
    return name === 'ringcentral' || name === 'mock:ringcentral';
  } catch {
    return false;
  }
}

/**
 * The mock's ringcentral mode paces like the platform's Auth group, 5 requests a window, with the window
 * scaled from 60 s to 1 s so a whole suite stays short: a minute of the platform is a second of the mock.
 */
export const MOCK_RINGCENTRAL_RATE = { requests: 5, windowMs: 1000 } as const;

/** Whether the argument names a target rather than being mistyped: checked before anything starts. */
export function describeTargetProblem(name: string): string | undefined {
  if (name === 'mock' || name === 'mock:ringcentral' || name === 'ringcentral' || name === 'oauth2-mock-server') return undefined;
  if (name.startsWith(DEFECT_PREFIX)) {
    const id = name.slice(DEFECT_PREFIX.length);
    return DEFECTS.some((defect) => defect.id === id) ? undefined : `unknown defect "${id}" (npm run selftest -- --help lists the ${DEFECTS.length} variants)`;
  }
  if (name.startsWith('replay:')) return name.length > 'replay:'.length ? undefined : 'replay: needs a fixtures folder, e.g. replay:fixtures/ringcentral';
  if (name.endsWith('.json')) return existsSync(name) ? undefined : `no such target profile file: ${name}`;
  return `unknown target "${name}" (available: ${BUILT_IN_TARGETS.join(', ')})`;
}

/**
 * The process environment with a .env file of the working folder under it: variables set in the shell win,
 * so that CI can override a developer's file.
 */
export function environment(cwd: string = process.cwd()): Environment {
  const file = resolve(cwd, '.env');
  if (!existsSync(file) || !statSync(file).isFile()) return process.env;
  try {
    return { ...parseEnv(readFileSync(file, 'utf8')), ...process.env };
  } catch (error) {
    throw new ProfileError(`${file}: cannot read it: ${error instanceof Error ? error.message : String(error)}`);
  }
}

export async function startTarget(name: string, env: Environment): Promise<StartedTarget> {
  if (name === 'mock') {
    const mock = await startMockServer();
    return { profile: mock.targetProfile(), issuedSecrets: () => mock.issuedSecrets(), stop: () => mock.stop() };
  }
  if (name.startsWith(DEFECT_PREFIX)) {
    const mock = await startMockServer({ defect: name.slice(DEFECT_PREFIX.length) });
    return { profile: { ...mock.targetProfile(), name }, issuedSecrets: () => mock.issuedSecrets(), stop: () => mock.stop() };
  }
  if (name === 'mock:ringcentral') return startMockAsRingCentral();
  if (name === 'oauth2-mock-server') return startStockLibrary();
  if (name.startsWith('replay:')) {
    const folder = name.slice('replay:'.length);
    const replay = startReplay(folder);
    const copied = resolve(folder, RECORDED_BASELINE);
    const baseline = recordedFromRingCentral(folder) ? RINGCENTRAL_BASELINE : existsSync(copied) ? copied : undefined;
    return {
      profile: replay.profile,
      ...(baseline === undefined ? {} : { baseline }),
      issuedSecrets: () => [],
      hooks: {
        scenarios: { begin: (key) => replay.beginScenario(key), end: () => replay.endScenario() },
        prepareBrowserContext: (context) => replay.prepareBrowserContext(context),
      },
      stop: async () => replay.stop(),
    };
  }
  const file = name === 'ringcentral' ? RINGCENTRAL_PROFILE : name;
  const loaded = loadProfileFile(file, env);
  requireCredentials(loaded, JSON.parse(readFileSync(file, 'utf8')), env, name === 'ringcentral' ? 'see .env.example and the README' : `see ${file}`);
  return fromProfile(loaded);
}

function fromProfile(loaded: LoadedProfile): StartedTarget {
  return { profile: loaded.profile, ...(loaded.baseline === undefined ? {} : { baseline: loaded.baseline }), issuedSecrets: () => [], stop: async () => undefined };
}

/**
 * The mock in its ringcentral mode, seen through the shipped ringcentral profile: the variables a developer
 * would set are filled with the mock's credentials, so the run takes the live target's path (its profile,
 * its login page selectors, its skips, its baseline). Only the scaled rate limit and the clock are the mock's own.
 */
async function startMockAsRingCentral(): Promise<StartedTarget> {
  const mock = await startMockServer({ mode: 'ringcentral', authRateLimit: MOCK_RINGCENTRAL_RATE });
  try {
    const own = mock.targetProfile();
    const env: Record<string, string> = { RINGCENTRAL_SERVER_URL: own.baseUrl };
    for (const kind of APP_KINDS) {
      const app = own.apps[kind];
      if (app === undefined) continue;
      const prefix = `RINGCENTRAL_${kind.toUpperCase().replace(/-/g, '_')}`;
      env[`${prefix}_CLIENT_ID`] = app.clientId;
      if (app.clientSecret !== undefined) env[`${prefix}_CLIENT_SECRET`] = app.clientSecret;
      if (app.redirectUris[0] !== undefined) env[`${prefix}_REDIRECT_URI`] = app.redirectUris[0];
    }
    const [user] = Object.values(own.users);
    if (user === undefined) throw new ProfileError('the mock has no user');
    env['RINGCENTRAL_USERNAME'] = user.username;
    if (user.extension !== undefined) env['RINGCENTRAL_EXTENSION'] = user.extension;
    if (user.password !== undefined) env['RINGCENTRAL_PASSWORD'] = user.password;
    if (user.jwt !== undefined) env['RINGCENTRAL_JWT'] = user.jwt;
    const loaded = parseProfile(JSON.parse(readFileSync(RINGCENTRAL_PROFILE, 'utf8')), RINGCENTRAL_PROFILE, env);
    const profile: TargetProfile = {
      ...loaded.profile,
      name: 'mock:ringcentral',
      rateLimits: own.rateLimits,
      ...(own.clockControlUrl === undefined ? {} : { clockControlUrl: own.clockControlUrl }),
      ...(own.requestLogUrl === undefined ? {} : { requestLogUrl: own.requestLogUrl }),
      ...(own.faultControlUrl === undefined ? {} : { faultControlUrl: own.faultControlUrl }),
    };
    return { ...fromProfile({ ...loaded, profile }), issuedSecrets: () => mock.issuedSecrets(), stop: () => mock.stop() };
  } catch (error) {
    await mock.stop();
    throw error;
  }
}

/**
 * The unwrapped oauth2-mock-server on a free loopback port, seen through its profile file like any server
 * a user describes; it takes any credentials, so the variables get made-up ones.
 */
async function startStockLibrary(): Promise<StartedTarget> {
  const server = new OAuth2Server();
  await server.issuer.keys.generate('RS256');
  await server.start(0, '127.0.0.1');
  try {
    const address = server.address();
    const env: Record<string, string> = {
      OAUTH2_MOCK_SERVER_URL: `http://127.0.0.1:${address.port}`,
      OAUTH2_MOCK_SERVER_CLIENT_SECRET: 'stock-web-app-secret',
      OAUTH2_MOCK_SERVER_DESKTOP_CLIENT_SECRET: 'stock-desktop-app-secret',
      OAUTH2_MOCK_SERVER_MOBILE_CLIENT_SECRET: 'stock-mobile-app-secret',
      OAUTH2_MOCK_SERVER_PASSWORD: 'stock-user-password',
    };
    const loaded = parseProfile(JSON.parse(readFileSync(STOCK_LIBRARY_PROFILE, 'utf8')), STOCK_LIBRARY_PROFILE, env);
    return { ...fromProfile(loaded), issuedSecrets: () => Object.values(env).slice(1), stop: () => server.stop() };
  } catch (error) {
    await server.stop();
    throw error;
  }
}

/**
 * The embedded mock authorization server: RingCentral's OAuth endpoints on one loopback HTTP server, with
 * fresh credentials and keys per start, a controllable clock and strict validation by the rules in pipeline.ts,
 * in one of two modes (mode.ts): strict, the RFCs' reference, or ringcentral, the platform's observed behaviour.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { AppCredentials, TargetProfile, UserCredentials } from '../driver/target';
import { AccessTokens } from './access-tokens';
import { MockClock } from './clock';
import { type Defect, type DefectProbe, defectivePipeline, probingPipeline } from './defect';
import { DEFECTS, findDefect } from './defects';
import { FaultInjector, type FaultPlan, type PendingFault } from './faults';
import { JwtCredentials } from './jwt-credentials';
import { type MockMode, type ModePolicy, modePolicy } from './mode';
import { PATHS } from './paths';
import { AUTH_GROUP, type RateBudget, SlidingWindow } from './rate-limit';
import { createRegistry, type Registry } from './registry';
import { answerClientError, createRequestListener } from './router';
import { type LoggedRequest, RequestLog } from './request-log';
import { SecretLedger } from './secrets';
import type { MockState } from './state';
import { CodeStore } from './stores/codes';
import { PendingRequestStore } from './stores/pending-requests';
import { SessionStore } from './stores/sessions';

export { MockClock } from './clock';
export type { Defect, DefectProbe } from './defect';
export { DEFECTS } from './defects';
export type { FaultPlan, PendingFault } from './faults';
export type { MockMode } from './mode';
export type { LoggedRequest } from './request-log';
export type { RouteName } from './paths';
export type { RateBudget } from './rate-limit';
export type { RegisteredApp, RegisteredUser, Registry } from './registry';

export interface MockServerOptions {
  /** Default 127.0.0.1: the mock hands out credentials and should not be reachable from elsewhere. */
  readonly host?: string;
  /** Default 0: a free port chosen by the system. */
  readonly port?: number;
  /** Default 'strict', the RFCs' reference; 'ringcentral' reproduces the platform where it differs (mode.ts). */
  readonly mode?: MockMode;
  /**
   * One budget for the token and revocation endpoints together, counted on wall time. Default: none in
   * strict mode; RingCentral's Auth group (5 requests per 60000 ms) in ringcentral mode, which always has one.
   */
  readonly authRateLimit?: RateBudget;
  /** A self-test variant: the id of one defect of defects.ts to build in on purpose. Default none, the reference. */
  readonly defect?: string;
  /**
   * The self-test's probe, for the reference only: told of every request that some defect of defects.ts
   * would have answered differently. The mock's own answers stay the reference's.
   */
  readonly probe?: DefectProbe;
  /** Faults to answer the first requests with, as if posted to /__mock/faults at start. */
  readonly faults?: readonly FaultPlan[];
}

export interface RunningMockServer {
  /** e.g. http://127.0.0.1:43123, without a trailing slash. */
  readonly baseUrl: string;
  readonly mode: MockMode;
  readonly clock: MockClock;
  readonly registry: Registry;
  /** The defect built in, if this is a self-test variant. */
  readonly defect: Defect | undefined;
  targetProfile(): TargetProfile;
  /** Every client secret, password, JWT credential, code, access token and refresh token this instance issued or holds. */
  issuedSecrets(): string[];
  /** How many sessions are still open: neither revoked nor expired. */
  openSessions(): number;
  /** What clients sent, oldest first (the control endpoints' requests are not in it). */
  requests(since?: number): LoggedRequest[];
  /** Faults still to be answered with. */
  pendingFaults(): PendingFault[];
  stop(): Promise<void>;
}

export async function startMockServer(options: MockServerOptions = {}): Promise<RunningMockServer> {
  const host = options.host ?? '127.0.0.1';
  const policy = modePolicy(options.mode ?? 'strict');
  if (options.defect !== undefined && options.probe !== undefined) throw new RangeError('a probe compares the reference with the defects, so a variant takes none');
  const defect = options.defect === undefined ? undefined : findDefect(options.defect);
  const pipeline = options.probe === undefined ? defectivePipeline(defect) : probingPipeline(DEFECTS, options.probe);
  const budget = options.authRateLimit ?? policy.defaultAuthRateLimit;
  const faults = new FaultInjector();
  for (const plan of options.faults ?? []) faults.add(plan);
  // Before listening: a budget it cannot enforce is the caller's mistake, not the server's.
  const authRateLimit = budget === undefined ? undefined : new SlidingWindow(budget);
  const clock = new MockClock();
  const ledger = new SecretLedger();
  const tokens = await AccessTokens.create(clock);
  const server = createServer();
  server.on('clientError', answerClientError);
  await listen(server, options.port ?? 0, host);
  const { port } = server.address() as AddressInfo;
  const baseUrl = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
  tokens.bindIssuer(baseUrl);
  // JWT credentials name the issuer and token endpoint, so the users are registered once the address is known.
  const credentials = new JwtCredentials(clock, baseUrl);
  const registry = createRegistry(ledger, credentials);
  const state: MockState = {
    baseUrl,
    policy,
    pipeline,
    defect,
    probe: options.probe,
    clock,
    registry,
    tokens,
    credentials,
    ledger,
    pending: new PendingRequestStore(clock),
    codes: new CodeStore(clock, ledger),
    sessions: new SessionStore(clock, ledger),
    authRateLimit,
    requestLog: new RequestLog(clock),
    faults,
  };
  // Attached in the same tick as listen() resolved, before any connection can be served.
  server.on('request', createRequestListener(state));
  return {
    baseUrl,
    mode: policy.mode,
    clock,
    registry,
    defect,
    targetProfile: () => targetProfile(baseUrl, registry, policy, budget),
    issuedSecrets: () => ledger.all(),
    openSessions: () => state.sessions.openCount(),
    requests: (since = 0) => state.requestLog.since(since),
    pendingFaults: () => state.faults.list(),
    stop: () => close(server),
  };
}


function targetProfile(baseUrl: string, registry: Registry, policy: ModePolicy, budget: RateBudget | undefined): TargetProfile {
  const apps = Object.values(registry.apps).map((app): [string, AppCredentials] => [
    app.kind,
    {
      clientId: app.clientId,
      ...(app.clientSecret === undefined ? {} : { clientSecret: app.clientSecret }),
      redirectUris: app.redirectUris,
    },
  ]);
  const users = registry.users.map((user): [string, UserCredentials] => [
    user.key,
    { username: user.username, extension: user.extension, password: user.password, jwt: user.jwt },
  ]);
  return {
    name: policy.profileName,
    baseUrl,
    paths: { authorize: PATHS.authorize, token: PATHS.token, revoke: PATHS.revoke, resource: PATHS.resource },
    scopedResource: { path: PATHS.messages, scope: 'ReadMessages' },
    apps: Object.fromEntries(apps),
    users: Object.fromEntries(users),
    capabilities: policy.capabilities,
    clockControlUrl: `${baseUrl}${PATHS.clock}`,
    requestLogUrl: `${baseUrl}${PATHS.requests}`,
    faultControlUrl: `${baseUrl}${PATHS.faults}`,
    rateLimits:
      budget === undefined
        ? []
        : [{ group: AUTH_GROUP, endpoints: ['token', 'revoke'], requests: budget.requests, windowSeconds: budget.windowMs / 1000 }],
    loginPage: policy.pages.selectors,
  };
}

function listen(server: Server, port: number, host: string): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
}

/** Stops accepting, then drops idle keep-alive connections that would otherwise hold close() open. */
function close(server: Server): Promise<void> {
  return new Promise((resolve, reject) => {
    if (!server.listening) {
      resolve();
      return;
    }
    server.close((error) => (error === undefined ? resolve() : reject(error)));
    server.closeAllConnections();
  });
}

/**
 * The embedded mock authorization server: RingCentral's OAuth endpoints on one loopback HTTP server, with
 * fresh credentials and keys per start, a controllable clock and strict validation by the rules in pipeline.ts.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { AppCredentials, TargetProfile, UserCredentials } from '../driver/target';
import { AccessTokens } from './access-tokens';
import { MockClock } from './clock';
import { PATHS } from './paths';
import { createRegistry, type Registry } from './registry';
import { createRequestListener } from './router';
import { SecretLedger } from './secrets';
import type { MockState } from './state';
import { CodeStore } from './stores/codes';
import { PendingRequestStore } from './stores/pending-requests';
import { SessionStore } from './stores/sessions';

export { MockClock } from './clock';
export type { RegisteredApp, RegisteredUser, Registry } from './registry';

export interface MockServerOptions {
  /** Default 127.0.0.1: the mock hands out credentials and should not be reachable from elsewhere. */
  readonly host?: string;
  /** Default 0: a free port chosen by the system. */
  readonly port?: number;
}

export interface RunningMockServer {
  /** e.g. http://127.0.0.1:43123, without a trailing slash. */
  readonly baseUrl: string;
  readonly clock: MockClock;
  readonly registry: Registry;
  targetProfile(): TargetProfile;
  /** Every client secret, password, code, access token and refresh token this instance issued or holds. */
  issuedSecrets(): string[];
  stop(): Promise<void>;
}

export async function startMockServer(options: MockServerOptions = {}): Promise<RunningMockServer> {
  const host = options.host ?? '127.0.0.1';
  const clock = new MockClock();
  const ledger = new SecretLedger();
  const registry = createRegistry(ledger);
  const tokens = await AccessTokens.create(clock);
  const server = createServer();
  await listen(server, options.port ?? 0, host);
  const { port } = server.address() as AddressInfo;
  const baseUrl = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
  tokens.bindIssuer(baseUrl);
  const state: MockState = {
    baseUrl,
    clock,
    registry,
    tokens,
    ledger,
    pending: new PendingRequestStore(clock),
    codes: new CodeStore(clock, ledger),
    sessions: new SessionStore(clock, ledger),
  };
  // Attached in the same tick as listen() resolved, before any connection can be served.
  server.on('request', createRequestListener(state));
  return {
    baseUrl,
    clock,
    registry,
    targetProfile: () => targetProfile(baseUrl, registry),
    issuedSecrets: () => ledger.all(),
    stop: () => close(server),
  };
}

function targetProfile(baseUrl: string, registry: Registry): TargetProfile {
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
    { username: user.username, extension: user.extension, password: user.password },
  ]);
  return {
    name: 'mock',
    baseUrl,
    paths: { authorize: PATHS.authorize, token: PATHS.token, revoke: PATHS.revoke, resource: PATHS.resource },
    scopedResource: { path: PATHS.messages, scope: 'ReadMessages' },
    apps: Object.fromEntries(apps),
    users: Object.fromEntries(users),
    // Plain HTTP on loopback, and neither the implicit nor the client credentials grant.
    capabilities: ['password-grant'],
    clockControlUrl: `${baseUrl}${PATHS.clock}`,
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

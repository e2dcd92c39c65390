/**
 * The apps and users registered at the mock, as data. Secrets, passwords and JWT credentials are generated
 * per instance, so every start has fresh credentials. What each app type may do is not stated here but in the rules.
 */
import { APP_KINDS, type AppKind, type ApplicationType, type PlatformType } from '../spec/app-types';
import type { JwtCredentials } from './jwt-credentials';
import { randomToken, type SecretLedger } from './secrets';

export interface RegisteredApp {
  readonly kind: AppKind;
  readonly name: string;
  readonly clientId: string;
  /** Absent for public apps, which cannot keep a secret (RFC 6749 §2.1). */
  readonly clientSecret?: string;
  readonly applicationType: ApplicationType;
  readonly platformType: PlatformType;
  readonly hasUserInterface: boolean;
  readonly redirectUris: readonly string[];
  readonly permissions: readonly string[];
}

export interface RegisteredUser {
  /** The short name scenarios use, e.g. 'alice'. */
  readonly key: string;
  readonly username: string;
  readonly extension: string;
  readonly password: string;
  /** The user's JWT credential for the JWT bearer grant (RFC 7523 §2.1); its subject is the extension id. */
  readonly jwt: string;
  readonly extensionId: string;
  readonly accountId: string;
  readonly name: string;
}

export interface Registry {
  readonly apps: Readonly<Record<AppKind, RegisteredApp>>;
  readonly users: readonly RegisteredUser[];
  findApp(clientId: string | undefined): RegisteredApp | undefined;
  findUser(username: string | undefined): RegisteredUser | undefined;
  /** By extension id, the subject of a user's access tokens and JWT credential. */
  findUserById(extensionId: string): RegisteredUser | undefined;
}

interface AppFacts {
  readonly name: string;
  readonly applicationType: ApplicationType;
  readonly platformType: PlatformType;
  readonly hasUserInterface: boolean;
}

const APP_FACTS: Readonly<Record<AppKind, AppFacts>> = {
  'public-browser-based': {
    name: 'Mock Public Browser App',
    applicationType: 'public',
    platformType: 'browser-based',
    hasUserInterface: true,
  },
  'public-desktop': { name: 'Mock Public Desktop App', applicationType: 'public', platformType: 'desktop', hasUserInterface: true },
  'private-browser-based': {
    name: 'Mock Private Browser App',
    applicationType: 'private',
    platformType: 'browser-based',
    hasUserInterface: true,
  },
  'private-server-web': {
    name: 'Mock Private Server/Web App',
    applicationType: 'private',
    platformType: 'server-web',
    hasUserInterface: true,
  },
  'private-server-only': {
    name: 'Mock Private Server-only App',
    applicationType: 'private',
    platformType: 'server-only',
    hasUserInterface: false,
  },
  'private-desktop': { name: 'Mock Private Desktop App', applicationType: 'private', platformType: 'desktop', hasUserInterface: true },
  'private-mobile': { name: 'Mock Private Mobile App', applicationType: 'private', platformType: 'mobile', hasUserInterface: true },
};

const PERMISSIONS = ['ReadAccounts', 'ReadMessages'] as const;
const CALLBACK_ORIGIN = 'http://127.0.0.1:5999';
/** This app also registers a redirect URI with a query of its own, which redirects must keep (RFC 6749 §3.1.2). */
const APP_WITH_QUERY_REDIRECT: AppKind = 'private-server-web';

const USER_FACTS: readonly Omit<RegisteredUser, 'password' | 'jwt'>[] = [
  { key: 'alice', username: '+16505550100', extension: '101', extensionId: '1001', accountId: '9001', name: 'Alice Example' },
];

export function createRegistry(ledger: SecretLedger, credentials: JwtCredentials): Registry {
  const apps = Object.fromEntries(APP_KINDS.map((kind) => [kind, registerApp(kind, ledger)])) as Record<AppKind, RegisteredApp>;
  const users: RegisteredUser[] = USER_FACTS.map((facts) => ({
    ...facts,
    password: ledger.record(randomToken(18)),
    jwt: ledger.record(credentials.issue(facts.extensionId)),
  }));
  const byClientId = new Map(Object.values(apps).map((app) => [app.clientId, app]));
  const byUsername = new Map(users.map((user) => [user.username, user]));
  const byExtensionId = new Map(users.map((user) => [user.extensionId, user]));
  return {
    apps,
    users,
    findApp: (clientId) => (clientId === undefined ? undefined : byClientId.get(clientId)),
    findUser: (username) => (username === undefined ? undefined : byUsername.get(username)),
    findUserById: (extensionId) => byExtensionId.get(extensionId),
  };
}

function registerApp(kind: AppKind, ledger: SecretLedger): RegisteredApp {
  const facts = APP_FACTS[kind];
  return {
    kind,
    ...facts,
    clientId: `mock-${kind}`,
    ...(facts.applicationType === 'private' ? { clientSecret: ledger.record(randomToken(24)) } : {}),
    // The app without a user interface gets a redirect URI too, so that its refused code flow comes back
    // as error=unauthorized_client (RFC 6749 §4.1.2.1) and cannot be mistaken for a missing redirect URI.
    redirectUris: [
      ...(facts.hasUserInterface
        ? [`${CALLBACK_ORIGIN}/${kind}/callback`, `${CALLBACK_ORIGIN}/${kind}/alt-callback`]
        : [`${CALLBACK_ORIGIN}/${kind}/callback`]),
      ...(kind === APP_WITH_QUERY_REDIRECT ? [`${CALLBACK_ORIGIN}/${kind}/callback?tenant=mock`] : []),
    ],
    permissions: PERMISSIONS,
  };
}

import type { AppKind } from '../spec/app-types';

/** An app registered at the target, as the client sees it. */
export interface AppCredentials {
  readonly clientId: string;
  /** Absent for public clients, which identify themselves with client_id in the body. */
  readonly clientSecret?: string;
  /** Registered redirect URIs; empty for apps without a user interface. */
  readonly redirectUris: readonly string[];
}

export interface UserCredentials {
  readonly username: string;
  readonly extension?: string;
  readonly password: string;
}

export interface EndpointPaths {
  readonly authorize: string;
  readonly token: string;
  readonly revoke: string;
  /** A protected resource that accepts a valid bearer token (RFC 6750). */
  readonly resource: string;
}

/**
 * Everything the driver needs to talk to one authorization server. Targets are data:
 * the embedded mock produces one of these at start-up.
 */
export interface TargetProfile {
  readonly name: string;
  readonly baseUrl: string;
  readonly paths: EndpointPaths;
  readonly apps: Partial<Record<AppKind, AppCredentials>>;
  readonly users: Readonly<Record<string, UserCredentials>>;
  /** Present when the target's clock can be moved forward (the mock's control endpoint). */
  readonly clockControlUrl?: string;
}

import type { AppKind } from '../spec/app-types';
import type { Capability } from '../spec/requirements/requirement';

/** An app registered at the target, as the client sees it. */
export interface AppCredentials {
  readonly clientId: string;
  /** Absent for public clients, which identify themselves with client_id in the body. */
  readonly clientSecret?: string;
  /** Registered redirect URIs; may be empty for an app without a user interface. */
  readonly redirectUris: readonly string[];
}

export interface UserCredentials {
  readonly username: string;
  readonly extension?: string;
  /** For the browser sign-in and the password grant; a target may offer neither. */
  readonly password?: string;
  /** A JWT credential for the JWT bearer grant (RFC 7523 §2.1), RingCentral's replacement for the password grant. */
  readonly jwt?: string;
}

/** A request budget of the target, e.g. RingCentral's "Auth" group: about 5 requests a minute. */
export interface RateLimit {
  readonly group: string;
  /** The endpoints the budget covers. */
  readonly endpoints: readonly (keyof EndpointPaths)[];
  readonly requests: number;
  readonly windowSeconds: number;
}

/**
 * How the browser gets through the target's sign-in and consent pages: Playwright selectors
 * (CSS, `text=…`, `role=button[name="…"]`). `next` is clicked between username and password on a
 * two-step sign-in; a target that asks for no consent leaves `approve` and `decline` out.
 */
export interface LoginPage {
  readonly username: string;
  readonly extension?: string;
  readonly next?: string;
  readonly password: string;
  readonly submit: string;
  readonly approve?: string;
  readonly decline?: string;
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
  /** A protected resource that needs one scope, to see insufficient_scope (RFC 6750 §3.1); absent if the target has none. */
  readonly scopedResource?: { readonly path: string; readonly scope: string };
  /** What the target offers beyond the authorization code and refresh grants; requirements needing more do not apply. */
  readonly capabilities: readonly Capability[];
  /** Present when the target's clock can be moved forward (the mock's control endpoint). */
  readonly clockControlUrl?: string;
  /** Present when the target records what clients send (the mock's /__mock/requests): client-side checks need it. */
  readonly requestLogUrl?: string;
  /** Present when the target takes injected faults (the mock's /__mock/faults). */
  readonly faultControlUrl?: string;
  /** Budgets the driver paces its requests to; none means unlimited. */
  readonly rateLimits: readonly RateLimit[];
  /** How the browser signs in; without it, scenarios that sign in skip (a refusal before sign-in is still judged). */
  readonly loginPage?: LoginPage;
}

/**
 * Authorization requests waiting for the user to sign in and decide (RFC 6749 §4.1.1 to §4.1.2).
 * A request expires with the clock and can be completed once, and only after a successful sign-in.
 */
import type { MockClock } from '../clock';
import type { CodeChallenge } from '../pkce';
import type { RegisteredApp, RegisteredUser } from '../registry';
import { randomToken } from '../secrets';

export const PENDING_REQUEST_LIFETIME_SECONDS = 600;

export interface AuthorizationDetails {
  readonly app: RegisteredApp;
  readonly redirectUri: string;
  readonly scope: readonly string[];
  readonly state: string | undefined;
  readonly challenge: CodeChallenge | undefined;
}

export interface PendingRequest extends AuthorizationDetails {
  readonly id: string;
  readonly expiresAtMs: number;
  /** Set by a successful sign-in. */
  readonly user?: RegisteredUser;
}

interface Entry {
  request: PendingRequest;
  completed: boolean;
}

export class PendingRequestStore {
  private readonly entries = new Map<string, Entry>();

  constructor(private readonly clock: MockClock) {}

  open(details: AuthorizationDetails): PendingRequest {
    const request: PendingRequest = {
      ...details,
      id: randomToken(16),
      expiresAtMs: this.clock.nowMs() + PENDING_REQUEST_LIFETIME_SECONDS * 1000,
    };
    this.entries.set(request.id, { request, completed: false });
    return request;
  }

  /** The request while it can still be acted on: neither expired nor completed. */
  find(id: string | undefined): PendingRequest | undefined {
    const entry = id === undefined ? undefined : this.entries.get(id);
    if (entry === undefined || entry.completed || this.clock.nowMs() >= entry.request.expiresAtMs) return undefined;
    return entry.request;
  }

  /** Records who signed in; a request that can no longer be acted on is left alone. */
  signIn(id: string, user: RegisteredUser): void {
    const entry = this.entries.get(id);
    if (entry !== undefined && this.find(id) !== undefined) entry.request = { ...entry.request, user };
  }

  /** Ends the request; undefined when it cannot be completed (unknown, expired, done, or nobody signed in). */
  complete(id: string): (PendingRequest & { readonly user: RegisteredUser }) | undefined {
    const entry = this.entries.get(id);
    const request = this.find(id);
    if (entry === undefined || request?.user === undefined) return undefined;
    entry.completed = true;
    return { ...request, user: request.user };
  }
}

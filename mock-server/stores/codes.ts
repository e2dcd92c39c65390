/**
 * Authorization codes (RFC 6749 §4.1.2): short-lived, single-use, bound to the client, the redirect URI,
 * the user's decision and the PKCE challenge. A redeemed code remembers its session, so that a replay
 * can revoke what the first redemption issued (§4.1.2, §10.5).
 */
import type { MockClock } from '../clock';
import type { CodeChallenge } from '../pkce';
import type { RegisteredUser } from '../registry';
import { randomToken, type SecretLedger } from '../secrets';

/** RingCentral's codes live 60 seconds; RFC 6749 §4.1.2 recommends at most ten minutes. */
export const CODE_LIFETIME_SECONDS = 60;

export interface CodeGrant {
  readonly clientId: string;
  readonly redirectUri: string;
  readonly user: RegisteredUser;
  readonly scope: readonly string[];
  readonly challenge: CodeChallenge | undefined;
}

export interface IssuedCode extends CodeGrant {
  readonly value: string;
  readonly expiresAtMs: number;
  /** The session the code was exchanged for, once it has been. */
  readonly redeemedBy?: string;
}

export type CodeStatus = 'live' | 'expired' | 'redeemed';

export class CodeStore {
  private readonly codes = new Map<string, IssuedCode>();

  constructor(
    private readonly clock: MockClock,
    private readonly ledger: SecretLedger,
  ) {}

  issue(grant: CodeGrant): IssuedCode {
    const code: IssuedCode = {
      ...grant,
      value: this.ledger.record(randomToken(24)),
      expiresAtMs: this.clock.nowMs() + CODE_LIFETIME_SECONDS * 1000,
    };
    this.codes.set(code.value, code);
    return code;
  }

  find(value: string | undefined): IssuedCode | undefined {
    return value === undefined ? undefined : this.codes.get(value);
  }

  status(code: IssuedCode): CodeStatus {
    const current = this.codes.get(code.value) ?? code;
    if (current.redeemedBy !== undefined) return 'redeemed';
    return this.clock.nowMs() >= current.expiresAtMs ? 'expired' : 'live';
  }

  /** Marks the code used by the given session; from then on it is never live again. */
  redeem(code: IssuedCode, sessionId: string): void {
    const current = this.codes.get(code.value);
    if (current !== undefined) this.codes.set(code.value, { ...current, redeemedBy: sessionId });
  }
}

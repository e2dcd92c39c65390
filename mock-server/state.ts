/** Everything one running mock holds: its mode, its rules (and defect, if any), clock, registry, signing keys, stores and request budget. */
import type { AccessTokens } from './access-tokens';
import type { MockClock } from './clock';
import type { JwtCredentials } from './jwt-credentials';
import type { Defect, DefectProbe } from './defect';
import type { FaultInjector } from './faults';
import type { ModePolicy } from './mode';
import type { Pipeline } from './pipeline';
import type { SlidingWindow } from './rate-limit';
import type { Registry } from './registry';
import type { RequestLog } from './request-log';
import type { SecretLedger } from './secrets';
import type { CodeStore } from './stores/codes';
import type { PendingRequestStore } from './stores/pending-requests';
import type { SessionStore } from './stores/sessions';

export interface MockState {
  readonly baseUrl: string;
  /** Chosen once at start-up; see mode.ts. */
  readonly policy: ModePolicy;
  /** Which rule runs where (pipeline.ts), with the one defect of a variant swapped in. */
  readonly pipeline: Pipeline;
  /** The one requirement a self-test variant breaks on purpose; none in the reference. */
  readonly defect: Defect | undefined;
  /** The self-test's probe of the reference (defect.ts). */
  readonly probe: DefectProbe | undefined;
  readonly clock: MockClock;
  readonly registry: Registry;
  readonly tokens: AccessTokens;
  readonly credentials: JwtCredentials;
  readonly ledger: SecretLedger;
  readonly pending: PendingRequestStore;
  readonly codes: CodeStore;
  readonly sessions: SessionStore;
  /** The Auth group's budget over the token and revocation endpoints; none means unlimited. */
  readonly authRateLimit: SlidingWindow | undefined;
  /** What clients sent, for client-side checks (request-log.ts). */
  readonly requestLog: RequestLog;
  /** Faults to answer the next requests with (faults.ts). */
  readonly faults: FaultInjector;
}

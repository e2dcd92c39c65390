/** Everything one running mock holds: its clock, registry, signing keys and stores. */
import type { AccessTokens } from './access-tokens';
import type { MockClock } from './clock';
import type { Registry } from './registry';
import type { SecretLedger } from './secrets';
import type { CodeStore } from './stores/codes';
import type { PendingRequestStore } from './stores/pending-requests';
import type { SessionStore } from './stores/sessions';

export interface MockState {
  readonly baseUrl: string;
  readonly clock: MockClock;
  readonly registry: Registry;
  readonly tokens: AccessTokens;
  readonly ledger: SecretLedger;
  readonly pending: PendingRequestStore;
  readonly codes: CodeStore;
  readonly sessions: SessionStore;
}

/** What a grant handler receives: the token request with its authenticated client. */
import type { ErrorChannel } from '../../spec/oauth-errors';
import type { Params } from '../params';
import type { RegisteredApp, Registry } from '../registry';
import type { Reply } from '../replies';
import type { MockRequest } from '../request';
import type { MockState } from '../state';

export interface GrantContext {
  readonly request: MockRequest;
  readonly params: Params;
  readonly channel: ErrorChannel;
  readonly registry: Registry;
  readonly app: RegisteredApp;
}

export type GrantHandler = (context: GrantContext, state: MockState) => Promise<Reply>;

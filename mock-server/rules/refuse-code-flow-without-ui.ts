// Rule: an app without a user interface may not use the authorization code flow (RingCentral app types; RFC 6749 §4.1.2.1, §5.2 unauthorized_client).
import type { ErrorChannel } from '../../spec/oauth-errors';
import { fail } from '../dialect';
import type { Params } from '../params';
import type { RegisteredApp } from '../registry';
import type { Rule } from '../rule';

interface Context {
  readonly channel: ErrorChannel;
  readonly params: Params;
  readonly app: RegisteredApp;
}

export const refuseCodeFlowWithoutUi: Rule<Context> = ({ channel, params, app }) => {
  const codeFlow = channel === 'authorization' || params.get('grant_type') === 'authorization_code';
  return codeFlow && !app.hasUserInterface
    ? fail('unauthorized_client', 'OAU-251', 'An application without a user interface may not use the authorization code flow')
    : undefined;
};

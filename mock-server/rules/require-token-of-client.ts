// Rule: a client may revoke only its own tokens (RFC 7009 §2.1; unauthorized_client per RFC 6749 §5.2).
import { fail } from '../dialect';
import type { RegisteredApp } from '../registry';
import type { Rule } from '../rule';
import type { Session } from '../stores/sessions';

interface Context {
  readonly app: RegisteredApp;
  /** The live session the token belongs to; undefined for unknown or already invalid tokens, which need no check. */
  readonly session: Session | undefined;
}

export const requireTokenOfClient: Rule<Context> = ({ app, session }) =>
  session === undefined || session.clientId === app.clientId
    ? undefined
    : fail('unauthorized_client', 'OAU-120', 'The token was issued to another client');

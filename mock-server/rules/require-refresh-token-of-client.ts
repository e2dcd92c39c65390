// Rule: a refresh token works only for the client it was issued to (RFC 6749 §6, §10.4).
import { fail } from '../dialect';
import type { RegisteredApp } from '../registry';
import type { Rule } from '../rule';
import type { Session } from '../stores/sessions';

interface Context {
  readonly app: RegisteredApp;
  readonly session: Session;
}

export const requireRefreshTokenOfClient: Rule<Context> = ({ app, session }) =>
  session.clientId === app.clientId ? undefined : fail('invalid_grant', 'OAU-213', 'The refresh token was issued to another client');

// Rule: a code is redeemed only by the client it was issued to (RFC 6749 §4.1.3; invalid_grant per §5.2).
import { fail } from '../dialect';
import type { RegisteredApp } from '../registry';
import type { Rule } from '../rule';
import type { IssuedCode } from '../stores/codes';

interface Context {
  readonly app: RegisteredApp;
  readonly code: IssuedCode;
}

export const requireCodeIssuedToClient: Rule<Context> = ({ app, code }) =>
  code.clientId === app.clientId ? undefined : fail('invalid_grant', 'OAU-110', 'The authorization code was issued to another client');

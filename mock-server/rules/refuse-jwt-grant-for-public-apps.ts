// Rule: only a confidential app, authenticated with HTTP Basic, may use the JWT bearer grant (RingCentral; RFC 6749 §5.2 unauthorized_client).
import { fail } from '../dialect';
import { JWT_BEARER } from '../grant-types';
import type { Params } from '../params';
import type { RegisteredApp } from '../registry';
import type { Rule } from '../rule';

interface Context {
  readonly params: Params;
  readonly app: RegisteredApp;
}

/** A public app only names itself, so anyone holding a user's JWT credential could get tokens in its name. */
export const refuseJwtGrantForPublicApps: Rule<Context> = ({ params, app }) =>
  params.get('grant_type') === JWT_BEARER && app.clientSecret === undefined
    ? fail('unauthorized_client', 'OAU-251', 'A public application may not use the JWT bearer grant; it cannot authenticate')
    : undefined;

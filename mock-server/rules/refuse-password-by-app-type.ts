// Rule: public apps and private browser-based or server/web apps may not use the password grant (RingCentral app types; RFC 6749 §5.2 unauthorized_client).
import type { PlatformType } from '../../spec/app-types';
import { fail } from '../dialect';
import type { Params } from '../params';
import type { RegisteredApp } from '../registry';
import type { Rule } from '../rule';

/** Private platforms where a user signs in through RingCentral's own pages, so the app never sees a password. */
const PLATFORMS_WITHOUT_PASSWORD_GRANT: readonly PlatformType[] = ['browser-based', 'server-web'];

interface Context {
  readonly params: Params;
  readonly app: RegisteredApp;
}

export const refusePasswordByAppType: Rule<Context> = ({ params, app }) => {
  if (params.get('grant_type') !== 'password') return undefined;
  const refused = app.applicationType === 'public' || PLATFORMS_WITHOUT_PASSWORD_GRANT.includes(app.platformType);
  return refused
    ? fail('unauthorized_client', 'OAU-251', `A ${app.applicationType} ${app.platformType} application may not use the password grant`)
    : undefined;
};

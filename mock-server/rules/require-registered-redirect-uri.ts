// Rule: the redirect URI is exactly one the client registered, or omitted to mean the first (RFC 6749 §3.1.2.2, §3.1.2.3, §4.1.2.1).
import { fail } from '../dialect';
import type { Params } from '../params';
import type { RegisteredApp } from '../registry';
import { found, refused, type Resolver } from '../rule';

interface Context {
  readonly params: Params;
  readonly app: RegisteredApp;
}

export const requireRegisteredRedirectUri: Resolver<Context, string> = ({ params, app }) => {
  if (app.redirectUris.length === 0) {
    return refused(fail('invalid_request', 'OAU-113', 'The application has no registered redirect URI'));
  }
  const redirectUri = verifiedRedirectUri(params, app);
  return redirectUri === undefined
    ? refused(fail('invalid_request', 'OAU-109', 'redirect_uri is not one of the registered redirect URIs'))
    : found(redirectUri);
};

/** Where this request may be redirected: the given URI if registered (compared as strings, §3.1.2.3), else nowhere. */
export function verifiedRedirectUri(params: Params, app: RegisteredApp): string | undefined {
  const requested = params.get('redirect_uri');
  if (requested === undefined) return app.redirectUris[0];
  return app.redirectUris.includes(requested) ? requested : undefined;
}

// Rule: the authorization request names a registered client (RFC 6749 §4.1.1; §4.1.2.1 forbids redirecting otherwise).
import { fail } from '../dialect';
import type { Params } from '../params';
import type { RegisteredApp, Registry } from '../registry';
import { found, refused, type Resolver } from '../rule';

export const identifyClient: Resolver<{ readonly params: Params; readonly registry: Registry }, RegisteredApp> = ({
  params,
  registry,
}) => {
  const clientId = params.get('client_id');
  if (clientId === undefined) return refused(fail('invalid_request', 'OAU-101', 'client_id is required'));
  const app = registry.findApp(clientId);
  return app === undefined ? refused(fail('invalid_request', 'OAU-120', 'client_id is not a registered application')) : found(app);
};

// Rule: a confidential client authenticates with HTTP Basic only, a public one names itself with client_id (RFC 6749 §2.3.1, §3.2.1; RFC 7009 §2.1).
import { fail } from '../dialect';
import { decodeComponent, type Params } from '../params';
import type { RegisteredApp, Registry } from '../registry';
import type { MockRequest } from '../request';
import { found, refused, type Outcome, type Resolver } from '../rule';
import { sameSecret } from '../secrets';

interface Context {
  readonly request: MockRequest;
  readonly params: Params;
  readonly registry: Registry;
}

export const authenticateClient: Resolver<Context, RegisteredApp> = ({ request, params, registry }) => {
  const header = request.headers.authorization;
  return header === undefined ? identifyByBody(params, registry) : authenticateByBasic(header, params, registry);
};

function authenticateByBasic(header: string, params: Params, registry: Registry): Outcome<RegisteredApp> {
  const credentials = parseBasic(header);
  if (credentials === undefined) {
    return refused(fail('invalid_client', 'OAU-123', 'The Authorization header is not well-formed HTTP Basic'));
  }
  const app = registry.findApp(credentials.clientId);
  if (app?.clientSecret === undefined || !sameSecret(credentials.secret, app.clientSecret)) {
    return refused(fail('invalid_client', 'OAU-120', 'Unknown client or wrong client secret'));
  }
  // §2.3: a client must not use more than one authentication method in a request.
  if (params.has('client_id') || params.has('client_secret')) {
    return refused(fail('invalid_request', 'OAU-101', 'Use one client authentication method: HTTP Basic or the body, not both'));
  }
  return found(app);
}

function identifyByBody(params: Params, registry: Registry): Outcome<RegisteredApp> {
  const clientId = params.get('client_id');
  if (clientId === undefined) return refused(fail('invalid_client', 'OAU-123', 'Client authentication is required'));
  const app = registry.findApp(clientId);
  if (app === undefined) return refused(fail('invalid_client', 'OAU-120', 'client_id is not a registered application'));
  // RingCentral accepts a confidential client's secret only in the Basic header (§2.3.1 allows, not requires, the body).
  if (app.clientSecret !== undefined) {
    return refused(fail('invalid_client', 'OAU-123', 'A confidential application must authenticate with HTTP Basic'));
  }
  if (params.has('client_secret')) return refused(fail('invalid_client', 'OAU-120', 'A public application has no client secret'));
  return found(app);
}

/** RFC 7617 §2 framing; RFC 6749 §2.3.1 form-encodes the id and secret before base64. */
function parseBasic(header: string): { clientId: string; secret: string } | undefined {
  const encoded = /^basic +([A-Za-z0-9+/]+={0,2}) *$/i.exec(header)?.[1];
  if (encoded === undefined || encoded.length % 4 !== 0) return undefined;
  let decoded: string;
  try {
    decoded = new TextDecoder('utf-8', { fatal: true }).decode(Buffer.from(encoded, 'base64'));
  } catch {
    return undefined;
  }
  const colon = decoded.indexOf(':');
  if (colon <= 0) return undefined;
  const clientId = decodeComponent(decoded.slice(0, colon));
  const secret = decodeComponent(decoded.slice(colon + 1));
  return clientId === undefined || secret === undefined ? undefined : { clientId, secret };
}

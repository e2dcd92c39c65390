/** Dispatches requests to the endpoints by exact path; unknown paths get a 404 and any bug a logged 500, never a crash. */
import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import { fail } from './dialect';
import { inAuthGroup } from './endpoints/auth-group';
import { authorize } from './endpoints/authorize';
import { clockControl } from './endpoints/clock-control';
import { consent } from './endpoints/consent';
import { discovery, jwks } from './endpoints/discovery';
import { messageStore, resource } from './endpoints/resource';
import { revoke } from './endpoints/revoke';
import { signIn } from './endpoints/sign-in';
import { token } from './endpoints/token';
import { PATHS } from './paths';
import { jsonReply, NO_STORE, oauthErrorReply, type Reply, writeReply } from './replies';
import { type MockRequest, readRequest } from './request';
import type { MockState } from './state';

type Endpoint = (request: MockRequest, state: MockState) => Reply | Promise<Reply>;

const ROUTES: ReadonlyMap<string, Endpoint> = new Map<string, Endpoint>([
  [PATHS.authorize, authorize],
  [PATHS.signIn, signIn],
  [PATHS.consent, consent],
  [PATHS.token, inAuthGroup(token)],
  [PATHS.revoke, inAuthGroup(revoke)],
  [PATHS.resource, resource],
  [PATHS.messages, messageStore],
  [PATHS.clock, clockControl],
  [PATHS.jwks, jwks],
  [PATHS.discovery, discovery],
]);

const notFound: Endpoint = () => oauthErrorReply(fail('invalid_request', 'CMN-102', 'No endpoint at this path', { status: 404 }));

export function createRequestListener(state: MockState): RequestListener {
  return (incoming, response) => {
    void handle(incoming, response, state);
  };
}

async function handle(incoming: IncomingMessage, response: ServerResponse, state: MockState): Promise<void> {
  try {
    const request = await readRequest(incoming);
    if (request === undefined) return;
    const endpoint = ROUTES.get(request.path) ?? notFound;
    writeReply(response, await endpoint(request, state));
  } catch (error) {
    // The path only: a query may carry tokens.
    console.error('mock-server: unexpected error while answering', incoming.method, incoming.url?.split('?')[0], error);
    if (response.headersSent) {
      response.destroy();
      return;
    }
    writeReply(
      response,
      jsonReply(500, { error: 'server_error', error_description: 'Unexpected error in the mock server', errors: [] }, NO_STORE),
    );
  }
}

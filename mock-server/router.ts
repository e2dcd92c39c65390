/** Dispatches requests to the endpoints by exact path; unknown paths get a 404, unparsable ones a 400 or 431, and any bug a logged 500, never a crash. */
import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import { answersDiffer } from './defect';
import { DEFECTS } from './defects';
import { fail, oauthErrorBody } from './dialect';
import { inAuthGroup } from './endpoints/auth-group';
import { authorize } from './endpoints/authorize';
import { clockControl } from './endpoints/clock-control';
import { faultControl } from './endpoints/fault-control';
import { requestLog } from './endpoints/request-log';
import { consent } from './endpoints/consent';
import { discovery, jwks } from './endpoints/discovery';
import { messageStore, resource } from './endpoints/resource';
import { revoke } from './endpoints/revoke';
import { signIn } from './endpoints/sign-in';
import { token } from './endpoints/token';
import { faultReply } from './faults';
import { CONTROL_PATHS, PATHS, routeOfPath } from './paths';
import { jsonReply, NO_STORE, oauthErrorReply, type Reply, writeReply } from './replies';
import { type MockRequest, readRequest } from './request';
import type { MockState } from './state';

type Endpoint = (request: MockRequest, state: MockState) => Reply | Promise<Reply>;

const ENDPOINTS: ReadonlyMap<string, Endpoint> = new Map<string, Endpoint>([
  [PATHS.authorize, authorize],
  [PATHS.signIn, signIn],
  [PATHS.consent, consent],
  [PATHS.token, inAuthGroup(token)],
  [PATHS.revoke, inAuthGroup(revoke)],
  [PATHS.resource, resource],
  [PATHS.messages, messageStore],
  [PATHS.clock, clockControl],
  [PATHS.requests, requestLog],
  [PATHS.faults, faultControl],
  [PATHS.jwks, jwks],
  [PATHS.discovery, discovery],
]);

/**
 * The endpoint for a path, with a self-test variant's altered answer where its defect says so; in the
 * probed reference, each defect that would have altered the answer is named to the probe.
 */
function endpointFor(path: string, state: MockState): Endpoint {
  const endpoint = ENDPOINTS.get(path) ?? notFound;
  const route = routeOfPath(path);
  if (route === undefined) return endpoint;
  const { probe } = state;
  if (probe !== undefined) {
    return async (request, current) => {
      const reply = await endpoint(request, current);
      for (const defect of DEFECTS) {
        const alter = defect.replies?.[route];
        if (alter !== undefined && answersDiffer(reply, alter(reply, request))) probe(defect.id);
      }
      return reply;
    };
  }
  const alter = state.defect?.replies?.[route];
  if (alter === undefined) return endpoint;
  return async (request, current) => alter(await endpoint(request, current), request);
}

const notFound: Endpoint = () => oauthErrorReply(fail('invalid_request', 'CMN-102', 'No endpoint at this path', { status: 404 }));

/**
 * A request Node's parser refuses before any endpoint sees it (a request line or headers over the size
 * limit, broken framing) still gets an RFC 6749 §5.2 error in RingCentral's dialect, not an empty answer.
 */
export function answerClientError(error: Error & { code?: string }, socket: Duplex): void {
  if (!socket.writable) {
    socket.destroy();
    return;
  }
  const tooLarge = error.code === 'HPE_HEADER_OVERFLOW';
  const [status, reason] = tooLarge ? [431, 'Request Header Fields Too Large'] : [400, 'Bad Request'];
  const failure = fail('invalid_request', 'OAU-101', tooLarge ? 'The request line or headers exceed the size limit' : 'The request is not well-formed HTTP', { status });
  const body = JSON.stringify(oauthErrorBody(failure));
  socket.end(
    `HTTP/1.1 ${status} ${reason}\r\nContent-Type: application/json\r\nCache-Control: no-store\r\nPragma: no-cache\r\n` +
      `Connection: close\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
  );
}

/** 127.0.0.0/8 and ::1, also as IPv4-mapped IPv6 addresses. */
export function isLoopback(address: string | undefined): boolean {
  if (address === undefined) return false;
  const v4 = address.startsWith('::ffff:') ? address.slice('::ffff:'.length) : address;
  return v4.startsWith('127.') || address === '::1';
}

export function createRequestListener(state: MockState): RequestListener {
  return (incoming, response) => {
    void handle(incoming, response, state);
  };
}

async function handle(incoming: IncomingMessage, response: ServerResponse, state: MockState): Promise<void> {
  try {
    const request = await readRequest(incoming);
    if (request === undefined) return;
    if (CONTROL_PATHS.includes(request.path)) {
      // The request log holds what clients sent, passwords and secrets included: only this machine may read or steer it.
      const local = isLoopback(incoming.socket.remoteAddress);
      writeReply(response, local ? await endpointFor(request.path, state)(request, state) : oauthErrorReply(fail('access_denied', 'CMN-401', "The mock's controls answer only on loopback", { status: 403 })));
      return;
    }
    const fault = state.faults.take(request);
    if (fault?.delayMs !== undefined) await new Promise((resolve) => setTimeout(resolve, fault.delayMs));
    const reply = fault?.status === undefined ? await endpointFor(request.path, state)(request, state) : faultReply({ ...fault, status: fault.status });
    state.requestLog.record(request, routeOfPath(request.path), reply, { replaced: fault?.status !== undefined, delayedMs: fault?.delayMs });
    writeReply(response, reply);
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

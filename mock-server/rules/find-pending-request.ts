// Rule: a sign-in form answers a pending authorization request that has neither expired nor been completed (RFC 6749 §4.1.1, §10.12).
import { fail } from '../dialect';
import type { Params } from '../params';
import { found, refused, type Resolver } from '../rule';
import type { PendingRequest, PendingRequestStore } from '../stores/pending-requests';

interface Context {
  readonly params: Params;
  readonly pending: PendingRequestStore;
}

export const findPendingRequest: Resolver<Context, PendingRequest> = ({ params, pending }) => {
  const request = pending.find(params.get('request'));
  return request === undefined
    ? refused(fail('invalid_request', 'OAU-101', 'The authorization request is unknown, expired or already completed'))
    : found(request);
};

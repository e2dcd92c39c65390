// Rule: a pending authorization request is completed once, and only after the user signed in (RFC 6749 §4.1.1, §10.12).
import { fail } from '../dialect';
import type { Params } from '../params';
import type { RegisteredUser } from '../registry';
import { found, refused, type Resolver } from '../rule';
import type { PendingRequest, PendingRequestStore } from '../stores/pending-requests';

interface Context {
  readonly params: Params;
  readonly pending: PendingRequestStore;
}

export const completePendingRequest: Resolver<Context, PendingRequest & { readonly user: RegisteredUser }> = ({
  params,
  pending,
}) => {
  const completed = pending.complete(params.get('request') ?? '');
  return completed === undefined
    ? refused(fail('invalid_request', 'OAU-101', 'The authorization request is unknown, expired, completed or not signed in'))
    : found(completed);
};

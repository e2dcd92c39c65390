/**
 * RingCentral's "Auth" rate limit group around the token and revocation endpoints: every arrival counts,
 * whatever it asks for; over the budget the answer is 429 CMN-301 before anything else is looked at.
 */
import { AUTH_GROUP, rateLimitHeaders } from '../rate-limit';
import { rateLimitedReply, type Reply, withHeaders } from '../replies';
import type { MockRequest } from '../request';
import type { MockState } from '../state';

type Endpoint = (request: MockRequest, state: MockState) => Reply | Promise<Reply>;

export function inAuthGroup(endpoint: Endpoint): Endpoint {
  return async (request, state) => {
    const limit = state.authRateLimit;
    if (limit === undefined) return endpoint(request, state);
    const admission = limit.admit();
    if (!admission.admitted) {
      return rateLimitedReply({
        'Retry-After': String(admission.retryAfterSeconds),
        ...rateLimitHeaders(AUTH_GROUP, limit.budget, 0),
      });
    }
    return withHeaders(await endpoint(request, state), rateLimitHeaders(AUTH_GROUP, limit.budget, admission.remaining));
  };
}

/**
 * GET /__mock/requests[?since=N]: what clients sent the mock after request N (all kept ones without it),
 * as JSON `{ requests: [...], last: N }`; DELETE forgets them. Not part of any specification.
 */
import { firstFailure } from '../rule';
import { fail } from '../dialect';
import { jsonReply, NO_STORE, oauthErrorReply, type Reply } from '../replies';
import type { MockRequest } from '../request';
import { requireMethod } from '../rules/require-method';
import type { MockState } from '../state';

const methods = requireMethod('GET', 'DELETE');

export function requestLog(request: MockRequest, state: MockState): Reply {
  const rejected = firstFailure([methods], { request });
  if (rejected !== undefined) return oauthErrorReply(rejected);
  if (request.method === 'DELETE') {
    state.requestLog.clear();
    return jsonReply(200, { requests: [], last: state.requestLog.lastSeq() }, NO_STORE);
  }
  const since = request.query.get('since') ?? '0';
  if (!/^\d{1,15}$/.test(since)) return oauthErrorReply(fail('invalid_request', 'OAU-101', 'since must be a request number, 0 or more'));
  return jsonReply(200, { requests: state.requestLog.since(Number(since)), last: state.requestLog.lastSeq() }, NO_STORE);
}

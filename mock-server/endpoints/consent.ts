/** POST /restapi/oauth/authorize/consent: the user's decision goes back to the client (RFC 6749 §4.1.2, §4.1.2.1). */
import { errorPageReply, redirectWith, type Reply } from '../replies';
import type { MockRequest } from '../request';
import { firstFailure } from '../rule';
import type { MockState } from '../state';

export function consent(request: MockRequest, state: MockState): Reply {
  const context = { request, params: request.form, pending: state.pending };
  const rejected = firstFailure(state.pipeline.consentForm.transport, context) ?? firstFailure(state.pipeline.consentForm.request, context);
  if (rejected !== undefined) return errorPageReply(rejected);
  const completed = state.pipeline.consentForm.pendingRequest(context);
  if (!completed.ok) return errorPageReply(completed.failure);
  const authorization = completed.value;
  if (context.params.get('decision') !== 'approve') {
    return redirectWith(authorization.redirectUri, {
      error: 'access_denied',
      error_description: 'The user declined access',
      state: authorization.state,
    });
  }
  const code = state.codes.issue({
    clientId: authorization.app.clientId,
    redirectUri: authorization.redirectUri,
    user: authorization.user,
    scope: authorization.scope,
    challenge: authorization.challenge,
  });
  return redirectWith(authorization.redirectUri, { code: code.value, state: authorization.state });
}

/** POST /restapi/oauth/authorize/login: the user signs in to a pending authorization request, then sees the consent page. */
import { errorPageReply, htmlReply, type Reply } from '../replies';
import type { MockRequest } from '../request';
import { firstFailure } from '../rule';
import type { MockState } from '../state';

export function signIn(request: MockRequest, state: MockState): Reply {
  const context = { request, params: request.form, pending: state.pending, registry: state.registry };
  const rejected = firstFailure(state.pipeline.signInForm.transport, context) ?? firstFailure(state.pipeline.signInForm.request, context);
  if (rejected !== undefined) return errorPageReply(rejected);
  const pending = state.pipeline.signInForm.pendingRequest(context);
  if (!pending.ok) return errorPageReply(pending.failure);
  const { app, id, scope } = pending.value;
  const user = state.pipeline.signInForm.user(context);
  if (!user.ok) {
    const { params } = context;
    return htmlReply(200, state.policy.pages.signIn(app, id, { username: params.get('username') ?? '', extension: params.get('extension') ?? '' }));
  }
  state.pending.signIn(id, user.value);
  return htmlReply(200, state.policy.pages.consent(app, id, scope));
}

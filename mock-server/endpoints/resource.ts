/**
 * GET or POST /restapi/v1.0/account/~/extension/~ (any live token) and …/message-store (a token granted
 * ReadMessages): protected resources that accept a bearer token (RFC 6750 §2, §3).
 */
import { jsonReply, type Reply } from '../replies';
import type { MockRequest } from '../request';
import { firstFailure } from '../rule';
import type { MockState } from '../state';

export function resource(request: MockRequest, state: MockState): Promise<Reply> {
  return answerResource(request, state, undefined);
}

export function messageStore(request: MockRequest, state: MockState): Promise<Reply> {
  return answerResource(request, state, 'ReadMessages');
}

async function answerResource(request: MockRequest, state: MockState, needs: string | undefined): Promise<Reply> {
  const context = { request };
  const { resourceError } = state.policy.errorReplies;
  const rejected = firstFailure(state.pipeline.resourceEndpoint.transport, context);
  if (rejected !== undefined) return resourceError(rejected);
  const bearer = state.pipeline.resourceEndpoint.bearer(context);
  if (!bearer.ok) return resourceError(bearer.failure);
  const session = await state.pipeline.resourceEndpoint.verify({
    token: bearer.value,
    tokens: state.tokens,
    sessions: state.sessions,
    policy: state.policy,
  });
  if (!session.ok) return resourceError(session.failure);
  const insufficient = firstFailure(state.pipeline.resourceEndpoint.session, { session: session.value, needs });
  if (insufficient !== undefined) return resourceError(insufficient);
  const { user } = session.value;
  // RFC 6750 §2.3: a token may have come in the URL, so shared caches must not keep the answer.
  const privately = { 'Cache-Control': 'private' };
  if (needs !== undefined) return jsonReply(200, { records: [], owner: { id: user.extensionId } }, privately);
  return jsonReply(
    200,
    { id: user.extensionId, extensionNumber: user.extension, name: user.name, account: { id: user.accountId } },
    privately,
  );
}

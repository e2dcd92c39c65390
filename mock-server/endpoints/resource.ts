/** GET or POST /restapi/v1.0/account/~/extension/~: a protected resource that accepts a bearer token (RFC 6750 §2, §3). */
import { RESOURCE_ENDPOINT } from '../pipeline';
import { jsonReply, resourceErrorReply, type Reply } from '../replies';
import type { MockRequest } from '../request';
import { firstFailure } from '../rule';
import type { MockState } from '../state';

export async function resource(request: MockRequest, state: MockState): Promise<Reply> {
  const context = { request };
  const rejected = firstFailure(RESOURCE_ENDPOINT.transport, context);
  if (rejected !== undefined) return resourceErrorReply(rejected);
  const bearer = RESOURCE_ENDPOINT.bearer(context);
  if (!bearer.ok) return resourceErrorReply(bearer.failure);
  const session = await RESOURCE_ENDPOINT.verify({ token: bearer.value, tokens: state.tokens, sessions: state.sessions });
  if (!session.ok) return resourceErrorReply(session.failure);
  const { user } = session.value;
  return jsonReply(200, {
    id: user.extensionId,
    extensionNumber: user.extension,
    name: user.name,
    account: { id: user.accountId },
  });
}

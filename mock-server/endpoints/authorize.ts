/** GET /restapi/oauth/authorize: checks the authorization request and shows the sign-in page (RFC 6749 §4.1.1). */
import type { Failure } from '../dialect';
import type { Params } from '../params';
import { readChallenge } from '../pkce';
import type { Registry } from '../registry';
import { errorPageReply, htmlReply, redirectWith, type Reply } from '../replies';
import type { MockRequest } from '../request';
import { firstFailure } from '../rule';
import { verifiedRedirectUri } from '../rules/require-registered-redirect-uri';
import { parseScope } from '../scope';
import type { MockState } from '../state';

export function authorize(request: MockRequest, state: MockState): Reply {
  const context = { request, params: request.query, channel: 'authorization' as const, registry: state.registry };
  const { params } = context;
  const wrongMethod = firstFailure(state.pipeline.authorizationEndpoint.transport, context);
  if (wrongMethod !== undefined) return errorPageReply(wrongMethod);
  const malformed = firstFailure(state.pipeline.authorizationEndpoint.request, context);
  if (malformed !== undefined) return deliver(malformed, params, state.registry);
  const client = state.pipeline.authorizationEndpoint.client(context);
  if (!client.ok) return deliver(client.failure, params, state.registry);
  const appContext = { ...context, app: client.value };
  const refused = firstFailure(state.pipeline.authorizationEndpoint.app, appContext);
  if (refused !== undefined) return deliver(refused, params, state.registry);
  const redirectUri = state.pipeline.authorizationEndpoint.redirectUri(appContext);
  if (!redirectUri.ok) return deliver(redirectUri.failure, params, state.registry);
  const invalid = firstFailure(state.pipeline.authorizationEndpoint.authorization, appContext);
  if (invalid !== undefined) return deliver(invalid, params, state.registry);

  const pending = state.pending.open({
    app: appContext.app,
    redirectUri: redirectUri.value,
    scope: parseScope(params.get('scope')) ?? appContext.app.permissions,
    state: params.get('state'),
    challenge: readChallenge(params.get('code_challenge'), params.get('code_challenge_method')),
  });
  return htmlReply(200, state.policy.pages.signIn(appContext.app, pending.id));
}

/**
 * RFC 6749 §4.1.2.1 and §10.15: an error goes back to the client only through a redirect URI verified for a
 * known client, each sent once; otherwise the user is told on a page and nobody is redirected.
 */
function deliver(failure: Failure, params: Params, registry: Registry): Reply {
  const target = trustedRedirectUri(params, registry);
  if (target === undefined) return errorPageReply(failure);
  return redirectWith(target, { error: failure.error, error_description: failure.description, state: params.get('state') });
}

function trustedRedirectUri(params: Params, registry: Registry): string | undefined {
  if (params.repeatedNames().some((name) => name === 'client_id' || name === 'redirect_uri')) return undefined;
  const app = registry.findApp(params.get('client_id'));
  return app === undefined ? undefined : verifiedRedirectUri(params, app);
}

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { startMockServer, type RunningMockServer } from '../../mock-server/index';

let server: RunningMockServer;
before(async () => {
  server = await startMockServer();
});
after(() => server.stop());

describe('a registered redirect URI with a query of its own (RFC 6749 §3.1.2)', () => {
  test('one app registers one, and an error redirect to it keeps its query', async () => {
    const app = server.registry.apps['private-server-web'];
    const withQuery = app.redirectUris.find((uri) => uri.includes('?'));
    assert.ok(withQuery, 'private-server-web registers a redirect URI with a query');
    const query = new URLSearchParams({ client_id: app.clientId, response_type: 'token', redirect_uri: withQuery, state: 'xyz' });
    const response = await fetch(`${server.baseUrl}/restapi/oauth/authorize?${query}`, { redirect: 'manual' });
    assert.equal(response.status, 302);
    const location = new URL(response.headers.get('location') ?? '');
    assert.equal(location.searchParams.get('tenant'), 'mock');
    assert.equal(location.searchParams.get('error'), 'unsupported_response_type');
    assert.equal(location.searchParams.get('state'), 'xyz');
  });
});

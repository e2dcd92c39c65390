import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { requireTokenScope } from '../../mock-server/rules/require-token-scope';
import { fixture } from './helpers';

describe('require-token-scope (RFC 6750 §3.1 insufficient_scope)', () => {
  const f = fixture();
  const app = f.registry.apps['private-desktop'];
  const sessionWith = (scope: string[]) =>
    f.sessions.open({ clientId: app.clientId, user: f.alice, scope, grantedScope: ['ReadAccounts', 'ReadMessages'] });

  test('a resource any live token may read needs no scope', () => {
    assert.equal(requireTokenScope({ session: sessionWith([]), needs: undefined }), undefined);
  });

  test('a token whose scope holds the permission passes', () => {
    assert.equal(requireTokenScope({ session: sessionWith(['ReadAccounts', 'ReadMessages']), needs: 'ReadMessages' }), undefined);
  });

  test('a token without the permission is insufficient_scope, and the challenge names the scope it lacks', () => {
    const failure = requireTokenScope({ session: sessionWith(['ReadAccounts']), needs: 'ReadMessages' });
    assert.equal(failure?.error, 'insufficient_scope');
    assert.equal(failure?.vendorCode, 'CMN-401');
    assert.equal(failure?.challengeScope, 'ReadMessages');
  });

  test("the token's own scope counts, not all the owner granted", () => {
    const failure = requireTokenScope({ session: sessionWith(['ReadAccounts']), needs: 'ReadMessages' });
    assert.equal(failure?.error, 'insufficient_scope', 'ReadMessages is in grantedScope but not in the token scope');
  });

  test('scope values match whole and with case (RFC 6749 §3.3)', () => {
    assert.equal(requireTokenScope({ session: sessionWith(['readmessages', 'ReadMessage']), needs: 'ReadMessages' })?.error, 'insufficient_scope');
  });
});

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseChallenge } from '../../driver/challenge';

describe('parseChallenge', () => {
  it('reads the scheme and quoted parameters of a Bearer challenge', () => {
    const challenge = parseChallenge('Bearer realm="example", error="invalid_token", error_description="The token \\"x\\" expired"');
    assert.equal(challenge?.scheme, 'Bearer');
    assert.equal(challenge?.params.get('realm'), 'example');
    assert.equal(challenge?.params.get('error'), 'invalid_token');
    assert.equal(challenge?.params.get('error_description'), 'The token "x" expired');
  });

  it('reads a challenge without parameters and unquoted ones', () => {
    assert.equal(parseChallenge('Basic')?.params.size, 0);
    assert.equal(parseChallenge('Basic realm=mock')?.params.get('realm'), 'mock');
  });

  it('returns nothing for a missing or empty header', () => {
    assert.equal(parseChallenge(undefined), undefined);
    assert.equal(parseChallenge('  '), undefined);
  });
});

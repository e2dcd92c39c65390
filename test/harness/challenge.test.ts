import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseChallenge, parseChallenges } from '../../driver/challenge';

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

  it('keeps repeated attributes in order, while params holds the first value', () => {
    const challenge = parseChallenge('Bearer realm="a", Error="invalid_token", realm=b');
    assert.deepEqual(challenge?.attributes, [['realm', 'a'], ['error', 'invalid_token'], ['realm', 'b']]);
    assert.equal(challenge?.params.get('realm'), 'a');
  });

  it('splits a value holding several challenges', () => {
    const parsed = parseChallenges('Basic realm="x", , Bearer realm="y", scope="a b"');
    assert.deepEqual(parsed.challenges.map((c) => [c.scheme, c.attributes]), [
      ['Basic', [['realm', 'x']]],
      ['Bearer', [['realm', 'y'], ['scope', 'a b']]],
    ]);
    assert.equal(parsed.unparsed, undefined);
  });

  it('tells token68 credentials from auth-params', () => {
    const challenge = parseChallenge('Negotiate abc+/==');
    assert.equal(challenge?.token68, 'abc+/==');
    assert.equal(challenge?.attributes.length, 0);
  });

  it('reports where the value stops following the grammar', () => {
    assert.equal(parseChallenges('Bearer realm="open').unparsed, '"open');
    assert.equal(parseChallenges('Bearer error="a" junk').unparsed, 'junk');
    assert.equal(parseChallenges('"Bearer"').unparsed, '"Bearer"');
  });
});

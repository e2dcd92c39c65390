import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { alterOneCharacter } from '../../driver/driver';
import { repeatedMembers } from '../../driver/json-members';

describe('repeatedMembers', () => {
  it('finds a member named twice, at the top and deeper down, which JSON.parse would hide', () => {
    assert.deepEqual(repeatedMembers('{"a":1,"b":{"c":2,"c":3},"a":"x"}'), ['c', 'a']);
  });

  it('is not fooled by names inside strings, escapes or arrays', () => {
    assert.deepEqual(repeatedMembers('{"a":"\\"a\\":1","list":[{"a":1},{"a":2}],"b":[1,2,{"z":null}]}'), []);
  });
});

describe('alterOneCharacter', () => {
  it("changes one letter or digit of a JWS's signature, keeping length and alphabet", () => {
    const token = 'aaaa.bbbb.cdefghij';
    const altered = alterOneCharacter(token);
    assert.equal(altered.length, token.length);
    assert.equal(altered.slice(0, 10), 'aaaa.bbbb.');
    assert.equal([...altered].filter((char, i) => char !== token[i]).length, 1);
  });

  it('changes an opaque token too', () => {
    assert.notEqual(alterOneCharacter('opaque-refresh-token'), 'opaque-refresh-token');
  });
});

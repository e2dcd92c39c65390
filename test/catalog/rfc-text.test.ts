import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { keywordsIn, parseSections, sentencesOf } from '../../spec/requirements/rfc-text';

const SAMPLE = `
Table of Contents

   1. Introduction ....................................................2

1.  Introduction

   The server MUST NOT do this.  It MAY do that, and the
   client SHOULD
   know.

Doe                          Standards Track                    [Page 2]
\f
RFC 9999                        Example                     October 2012


2.1.  Errors

   error
         REQUIRED.  A code from this list:

         invalid_thing
               The request was
               wrong.

Appendix A.  Syntax

   Names MUST be ASCII.

Author's Address
   Somebody MUST not be counted.
`;

describe('reading an RFC text', () => {
  it('finds numbered sections and appendices after the table of contents, without page headers and footers', () => {
    const sections = parseSections(SAMPLE);
    assert.deepEqual(sections.map((s) => s.number), ['1', '2.1', 'A']);
    assert.deepEqual(sections[0]?.paragraphs, ['The server MUST NOT do this.  It MAY do that, and the client SHOULD know.']);
  });

  it('joins a definition term with its text and splits sentences at the double space', () => {
    const [, errors] = parseSections(SAMPLE);
    assert.equal(errors?.paragraphs[0], 'error REQUIRED.  A code from this list:');
    assert.deepEqual(sentencesOf(errors?.paragraphs[0] ?? ''), ['error REQUIRED.', 'A code from this list:']);
  });

  it('keeps a sentence end at a line break', () => {
    const [intro] = parseSections('1.  Intro\n\n   One MUST.\n   Two MAY.\n');
    assert.deepEqual(sentencesOf(intro?.paragraphs[0] ?? ''), ['One MUST.', 'Two MAY.']);
  });

  it('reads MUST NOT as one keyword, not as MUST', () => {
    assert.deepEqual(keywordsIn('It MUST NOT do this and SHOULD NOT do that, but MAY.'), ['MUST NOT', 'SHOULD NOT', 'MAY']);
    assert.deepEqual(keywordsIn('lower-case must and should are not keywords'), []);
  });

  it('refuses a text without a section 1', () => {
    assert.throws(() => parseSections('nothing here'), /no section 1/);
  });
});

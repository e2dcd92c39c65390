import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { REQUIREMENTS, strongestLevel } from '../../spec/requirements/catalog';
import { runCatalog } from '../../cli/catalog';
import { checkCatalog } from '../../spec/requirements/completeness';
import type { Requirement } from '../../spec/requirements/requirement';

const entry = (overrides: Partial<Requirement>): Requirement => ({
  id: '7009-2.1-search-beyond-hint',
  source: 'RFC 7009',
  section: '2.1',
  keyword: 'MUST',
  party: 'revocation-endpoint',
  observable: 'yes',
  sentences: ['7009:2.1:4'],
  summary: 'Looks the token up among every type despite a wrong hint.',
  ...overrides,
});

describe('the requirement catalog', () => {
  it('states every keyword sentence of the bundled RFCs and every defined error code (the completeness check)', () => {
    const { problems, sentences } = checkCatalog(REQUIREMENTS);
    assert.ok(sentences.length > 300, `only ${sentences.length} keyword sentences were found`);
    assert.deepEqual(problems, []);
  });

  it('flags a sentence no entry states, and one stated at a weaker level than it has', () => {
    const { problems } = checkCatalog([entry({ sentences: ['7009:2.1:4'] }), entry({ id: '7009-2-refresh-and-access', section: '2', keyword: 'MUST', sentences: ['7009:2:1'] })]);
    assert.ok(problems.some((p) => p.startsWith('7009:2.1:5: no informational entry')));
    assert.ok(problems.some((p) => p.startsWith('7009:2:1: no warning entry')), 'the SHOULD half of a MUST-and-SHOULD sentence');
    assert.ok(!problems.some((p) => p.startsWith('7009:2.1:4:')));
  });

  it('flags malformed entries: unknown sentence, foreign section, wrong keyword, duplicate or ill-formed id, missing reason', () => {
    const { problems } = checkCatalog([
      entry({ sentences: ['7009:2.1:99'] }),
      entry({ sentences: ['7009:2:1'] }),
      entry({ id: '7009-2.1-wrong-keyword', keyword: 'MAY' }),
      entry({ id: 'Bad Id', observable: 'no' }),
    ]);
    const all = problems.join('\n');
    assert.match(all, /cites 7009:2\.1:99, which is not a keyword sentence/);
    assert.match(all, /cites 7009:2:1 from outside RFC 7009 §2\.1/);
    assert.match(all, /7009-2\.1-wrong-keyword: none of its sentences uses the keyword MAY/);
    assert.match(all, /7009-2\.1-search-beyond-hint: the id is used twice/);
    assert.match(all, /Bad Id: the id does not read/);
    assert.match(all, /Bad Id: observable is "no" but no reason is given/);
    assert.match(all, /7009:2\.2\.1: no entry for the error code unsupported_token_type/);
  });

  it('weighs a scenario by the strongest requirement it cites', () => {
    assert.equal(strongestLevel([entry({ keyword: 'MAY' }), entry({ keyword: 'SHOULD' })]), 'warning');
    assert.equal(strongestLevel([entry({ keyword: 'MAY' }), entry({ keyword: 'MUST NOT' })]), 'blocking');
    assert.equal(strongestLevel([entry({ keyword: 'OPTIONAL' })]), 'informational');
    assert.equal(strongestLevel([]), undefined);
  });
});

describe('npm run catalog', () => {
  const run = (...argv: string[]) => {
    const lines: string[] = [];
    const code = runCatalog(argv, (line) => lines.push(line));
    return { code, out: lines.join('\n') };
  };

  it('prints the counts and says the catalog is complete', () => {
    const { code, out } = run();
    assert.equal(code, 0);
    assert.match(out, /^\d+ requirements; \d+ keyword sentences/);
    assert.match(out, /The catalog is complete\./);
  });

  it('lists the sentences of a section with the entries that state them', () => {
    const { code, out } = run('--sentences', '7009:2.1:4');
    assert.equal(code, 0);
    assert.match(out, /^7009:2\.1:4 {2}\[MUST\] {2}.*7009-2\.1-search-beyond-hint/);
  });

  it('says so when no sentence has the address asked for', () => {
    const { code, out } = run('--sentences', '7636:4.4');
    assert.equal(code, 2);
    assert.match(out, /no keyword sentence has an address starting with "7636:4\.4"/);
  });

  it('refuses an unknown option or a missing prefix with exit code 2', () => {
    assert.equal(run('--bogus').code, 2);
    const { code, out } = run('--only');
    assert.equal(code, 2);
    assert.match(out, /--only needs a prefix/);
  });
});

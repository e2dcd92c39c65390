/**
 * `npm run catalog`: checks the requirement catalog against the bundled RFC texts and prints its counts;
 * `--sentences <prefix>` lists the keyword sentences an author maps, with the entries that state them.
 */
import { REQUIREMENTS } from '../spec/requirements/catalog';
import { checkCatalog } from '../spec/requirements/completeness';
import { levelOf } from '../spec/requirements/requirement';
import { sentenceRef } from '../spec/requirements/rfc-text';

export const CATALOG_USAGE = `Usage: npm run catalog -- [--sentences <prefix>] [--only <prefix>] [--help]

Checks that every keyword sentence of the bundled RFC texts (spec/rfc/) is stated by a catalog entry
(spec/requirements/) and that every entry is well formed; exits 1 when something is missing.

  --sentences <prefix>  list the keyword sentences whose address starts with the prefix, e.g. "6749:4.1",
                        each with the ids of the entries that state it
  --only <prefix>       report only the problems whose address or id starts with the prefix
  --help                this text

Exit codes: 0 complete, 1 something is missing or malformed, 2 a bad option.`;

export function runCatalog(argv: readonly string[], write: (line: string) => void): number {
  let sentencesPrefix: string | undefined;
  let only = '';
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i];
    const value = argv[i + 1];
    if (arg === '--help') {
      write(CATALOG_USAGE);
      return 0;
    } else if ((arg === '--sentences' || arg === '--only') && value !== undefined && !value.startsWith('--')) {
      if (arg === '--sentences') sentencesPrefix = value;
      else only = value;
      i += 1;
    } else {
      write(`catalog: ${arg === '--sentences' || arg === '--only' ? `${arg} needs a prefix` : `unknown option ${arg}`}`);
      write('Run with --help for the options.');
      return 2;
    }
  }

  const check = checkCatalog(REQUIREMENTS);
  if (sentencesPrefix !== undefined) {
    const prefix = sentencesPrefix;
    const listed = check.sentences.filter((sentence) => sentenceRef(sentence).startsWith(prefix));
    if (listed.length === 0) {
      write(`catalog: no keyword sentence has an address starting with "${prefix}"`);
      write('Addresses read rfc:section:ordinal, e.g. 6749:4.1.2 or 7009:2.1:4; RFC 7636 is not bundled, so it has none.');
      return 2;
    }
    for (const sentence of listed) {
      const ref = sentenceRef(sentence);
      const ids = (check.mapping.get(ref) ?? []).map((r) => r.id);
      write(`${ref}  [${sentence.keywords.join(', ')}]  ${ids.length === 0 ? 'UNMAPPED' : ids.join(' ')}`);
      write(`    ${sentence.text}`);
    }
    return 0;
  }

  const bySource = new Map<string, Map<string, number>>();
  for (const requirement of REQUIREMENTS) {
    const counts = bySource.get(requirement.source) ?? new Map<string, number>();
    counts.set(requirement.keyword, (counts.get(requirement.keyword) ?? 0) + 1);
    bySource.set(requirement.source, counts);
  }
  write(`${REQUIREMENTS.length} requirements; ${check.sentences.length} keyword sentences in the bundled RFC texts`);
  for (const [source, counts] of bySource) {
    const total = [...counts.values()].reduce((a, b) => a + b, 0);
    write(`  ${source}: ${total} (${[...counts].map(([keyword, n]) => `${keyword} ${n}`).join(', ')})`);
  }
  const blocking = REQUIREMENTS.filter((r) => levelOf(r.keyword) === 'blocking');
  write(`  observable: ${REQUIREMENTS.filter((r) => r.observable === 'yes').length} yes, ` +
    `${REQUIREMENTS.filter((r) => r.observable === 'partly').length} partly, ${REQUIREMENTS.filter((r) => r.observable === 'no').length} no; ` +
    `${blocking.length} blocking (MUST level)`);

  const problems = check.problems.filter((problem) => problem.startsWith(only));
  for (const problem of problems) write(`  problem: ${problem}`);
  write(problems.length === 0 ? 'The catalog is complete.' : `${problems.length} problem(s).`);
  return problems.length === 0 ? 0 : 1;
}

if (require.main === module) {
  // `npm run catalog -- --sentences … | head` closes the pipe early; that is the reader's choice, not an error.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(0);
    throw error;
  });
  process.exitCode = runCatalog(process.argv.slice(2), (line) => process.stdout.write(`${line}\n`));
}

/**
 * Checks the catalog against the RFC texts: every keyword sentence is stated by an entry of each
 * requirement level it contains (or listed as stating no requirement), every defined error code has an
 * entry, and every entry is well formed.
 */
import { ERROR_CODE_SECTIONS, NOT_REQUIREMENTS } from './catalog';
import { levelOf, PARTIES, type Requirement, type RequirementLevel } from './requirement';
import { definedErrorCodes, type KeywordSentence, keywordSentences, RFC_NUMBERS, sentenceRef } from './rfc-text';

export interface CatalogCheck {
  readonly problems: string[];
  readonly sentences: readonly KeywordSentence[];
  /** Keyword sentences by ref, with the entries that state them. */
  readonly mapping: ReadonlyMap<string, readonly Requirement[]>;
}

const ID_PATTERN = /^(6749|6750|7009|7636)-(\d+(\.\d+)*|[A-Z](\.\d+)*)-[a-z0-9]+(-[a-z0-9]+)*$|^rc-[a-z0-9]+(-[a-z0-9]+)*$/;

export function checkCatalog(requirements: readonly Requirement[], rfcDir?: string): CatalogCheck {
  const problems: string[] = [];
  const sentences = RFC_NUMBERS.flatMap((rfc) => keywordSentences(rfc, rfcDir));
  const byRef = new Map(sentences.map((sentence) => [sentenceRef(sentence), sentence]));
  const mapping = new Map<string, Requirement[]>(sentences.map((sentence) => [sentenceRef(sentence), []]));

  const seen = new Set<string>();
  for (const requirement of requirements) {
    problems.push(...entryProblems(requirement));
    if (seen.has(requirement.id)) problems.push(`${requirement.id}: the id is used twice`);
    seen.add(requirement.id);
    for (const ref of requirement.sentences) {
      const sentence = byRef.get(ref);
      if (sentence === undefined) {
        problems.push(`${requirement.id}: cites ${ref}, which is not a keyword sentence`);
        continue;
      }
      mapping.get(ref)?.push(requirement);
      if (!ref.startsWith(`${requirement.source.replace('RFC ', '')}:${requirement.section}:`)) {
        problems.push(`${requirement.id}: cites ${ref} from outside ${requirement.source} §${requirement.section}`);
      }
    }
    const own = requirement.sentences.map((ref) => byRef.get(ref)).filter((s): s is KeywordSentence => s !== undefined);
    if (own.length > 0 && !own.some((sentence) => sentence.keywords.includes(requirement.keyword))) {
      problems.push(`${requirement.id}: none of its sentences uses the keyword ${requirement.keyword}`);
    }
  }

  for (const sentence of sentences) {
    const ref = sentenceRef(sentence);
    if (Object.hasOwn(NOT_REQUIREMENTS, ref)) continue;
    const stated = new Set<RequirementLevel>((mapping.get(ref) ?? []).map((requirement) => levelOf(requirement.keyword)));
    const missing = [...new Set(sentence.keywords.map(levelOf))].filter((level) => !stated.has(level));
    if (missing.length > 0) problems.push(`${ref}: no ${missing.join(' or ')} entry states "${sentence.text}"`);
  }
  for (const ref of Object.keys(NOT_REQUIREMENTS)) {
    if (!byRef.has(ref)) problems.push(`${ref}: listed as stating no requirement, but it is not a keyword sentence`);
  }

  for (const [rfc, section] of ERROR_CODE_SECTIONS) {
    for (const code of definedErrorCodes(rfc, section, rfcDir)) {
      const defined = requirements.some((r) => r.errorCode === code && r.source === `RFC ${rfc}` && r.section === section);
      if (!defined) problems.push(`${rfc}:${section}: no entry for the error code ${code}`);
    }
  }
  return { problems, sentences, mapping };
}

function entryProblems(requirement: Requirement): string[] {
  const problems: string[] = [];
  const where = requirement.id;
  if (!ID_PATTERN.test(requirement.id)) problems.push(`${where}: the id does not read <rfc>-<section>-<slug> or rc-<slug>`);
  const rfc = requirement.source.replace('RFC ', '');
  if (requirement.source !== 'RingCentral' && !requirement.id.startsWith(`${rfc}-${requirement.section}-`)) {
    problems.push(`${where}: the id does not start with ${rfc}-${requirement.section}-`);
  }
  if (!PARTIES.includes(requirement.party)) problems.push(`${where}: unknown party ${requirement.party}`);
  if (requirement.observable !== 'yes' && (requirement.why ?? '').trim() === '') {
    problems.push(`${where}: observable is "${requirement.observable}" but no reason is given`);
  }
  if (requirement.summary.trim().length < 10) problems.push(`${where}: the summary is missing or too short`);
  return problems;
}

/**
 * The requirement catalog: every normative statement of RFC 6749, RFC 6750 and RFC 7009, the server-side
 * rules of RFC 7636 and RingCentral's own rules, each with a stable id that scenarios cite as `@req:<id>`.
 */
import { levelOf, type Requirement, type RequirementLevel } from './requirement';
import { RFC6749_1_3 } from './rfc6749-1-3';
import { RFC6749_4 } from './rfc6749-4';
import { RFC6749_5_11 } from './rfc6749-5-11';
import { RFC6749_10 } from './rfc6749-10';
import { RFC6750 } from './rfc6750';
import { RFC7009 } from './rfc7009';
import { RFC7636 } from './rfc7636';
import { RINGCENTRAL } from './ringcentral';

export const REQUIREMENTS: readonly Requirement[] = [
  ...RFC6749_1_3,
  ...RFC6749_4,
  ...RFC6749_5_11,
  ...RFC6749_10,
  ...RFC6750,
  ...RFC7009,
  ...RFC7636,
  ...RINGCENTRAL,
];

/** Keyword sentences that state no requirement, with the reason; the completeness check accepts these. */
export const NOT_REQUIREMENTS: Readonly<Record<string, string>> = {
  '6749:1.9:1': 'defines how the key words are to be read',
  '6750:1.1:1': 'defines how the key words are to be read',
  '7009:1.1:1': 'defines how the key words are to be read',
};

/** The sections whose definition lists name error codes; each code needs an entry of its own. */
export const ERROR_CODE_SECTIONS = [
  ['6749', '4.1.2.1'],
  ['6749', '4.2.2.1'],
  ['6749', '5.2'],
  ['6750', '3.1'],
  ['7009', '2.2.1'],
] as const;

export const REQUIREMENT_TAG_PREFIX = '@req:';

const BY_ID = new Map(REQUIREMENTS.map((requirement) => [requirement.id, requirement]));

export function findRequirement(id: string): Requirement | undefined {
  return BY_ID.get(id);
}

/** The ids a scenario cites through its `@req:<id>` tags. */
export function citedIds(tags: readonly string[]): string[] {
  return tags.filter((tag) => tag.startsWith(REQUIREMENT_TAG_PREFIX)).map((tag) => tag.slice(REQUIREMENT_TAG_PREFIX.length));
}

const LEVEL_RANK: Record<RequirementLevel, number> = { informational: 0, warning: 1, blocking: 2 };

/**
 * A scenario weighs as much as the strongest requirement it cites: a scenario that proves a MUST and a
 * SHOULD at once blocks when it fails, since it cannot tell which of the two the server broke.
 */
export function strongestLevel(requirements: readonly Requirement[]): RequirementLevel | undefined {
  let strongest: RequirementLevel | undefined;
  for (const requirement of requirements) {
    const level = levelOf(requirement.keyword);
    if (strongest === undefined || LEVEL_RANK[level] > LEVEL_RANK[strongest]) strongest = level;
  }
  return strongest;
}

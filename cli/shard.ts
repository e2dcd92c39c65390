/**
 * Splitting a run across CI runners: `--shard i/n` runs part i of n of the selected scenarios. The parts are
 * balanced by expected duration (a browser login costs about as much as fifty scenarios without one, as
 * `npm run bench` measured) and depend only on the scenarios themselves, so every scenario lands in exactly
 * one part, and in the same part on every run while the features do not change.
 */

export interface Shard {
  /** 1-based. */
  readonly index: number;
  readonly count: number;
}

export interface ShardableScenario {
  readonly uri: string;
  /** The scenario's line (an outline's example row has its own). */
  readonly line: number;
  readonly tags: readonly string[];
}

/** How much longer a scenario that signs in through the browser takes (918 ms against 16 ms, medians of one bench run). */
export const BROWSER_WEIGHT = 50;

/** The most parts a run can be split into: far beyond any CI matrix, small enough to catch a typo. */
export const MAX_SHARDS = 64;

/** "2/3" as a shard, or the reason it is not one. */
export function parseShard(text: string): Shard | string {
  const match = /^(\d{1,3})\/(\d{1,3})$/.exec(text.trim());
  if (match === null) return `--shard must be i/n, e.g. 2/3 (part 2 of 3), not "${text}"`;
  const index = Number(match[1]);
  const count = Number(match[2]);
  if (count < 1 || count > MAX_SHARDS) return `--shard: the number of parts must be from 1 to ${MAX_SHARDS}, not ${count}`;
  if (index < 1 || index > count) return `--shard: the part must be from 1 to ${count}, not ${index}`;
  return { index, count };
}

export function weightOf(scenario: ShardableScenario): number {
  return scenario.tags.includes('@browser') ? BROWSER_WEIGHT : 1;
}

/**
 * Every scenario's part (1-based), in the order given: heaviest first, each to the lightest part so far
 * (the lowest-numbered of equals), with ties broken by file and line, never by chance or by run order.
 */
export function assignShards(scenarios: readonly ShardableScenario[], count: number): number[] {
  const order = scenarios
    .map((scenario, position) => ({ scenario, position, weight: weightOf(scenario) }))
    .sort((a, b) => b.weight - a.weight || compare(a.scenario.uri, b.scenario.uri) || a.scenario.line - b.scenario.line);
  const loads = new Array<number>(count).fill(0);
  const parts = new Array<number>(scenarios.length).fill(0);
  for (const { position, weight } of order) {
    let lightest = 0;
    for (let part = 1; part < count; part += 1) if ((loads[part] ?? 0) < (loads[lightest] ?? 0)) lightest = part;
    loads[lightest] = (loads[lightest] ?? 0) + weight;
    parts[position] = lightest + 1;
  }
  return parts;
}

/** The scenarios of one part, in the order given. */
export function scenariosOfShard<T extends ShardableScenario>(scenarios: readonly T[], shard: Shard): T[] {
  const parts = assignShards(scenarios, shard.count);
  return scenarios.filter((_, position) => parts[position] === shard.index);
}

/** Locale-independent, so two machines order files alike. */
function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

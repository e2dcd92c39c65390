/**
 * A one-defect variant of the mock: the reference with exactly one behaviour broken on purpose, so the
 * self-test can prove that the suite catches it, and catches it for the right reason (npm run selftest).
 * A defect either swaps a rule of the pipeline for a broken stand-in or alters what one endpoint answers;
 * nothing else differs from the reference. The probing pipeline tells the self-test which scenarios a
 * defect can change at all.
 */
import type { RouteName } from './paths';
import { createPipeline, type Pipeline } from './pipeline';
import type { Reply } from './replies';
import type { MockRequest } from './request';

/** One pipeline entry and the broken entry that takes its place, optionally on some endpoints only. */
export interface RuleSwap {
  readonly original: unknown;
  readonly broken: unknown;
  readonly routes?: readonly RouteName[];
}

export interface Defect {
  /** Kebab-case, unique: the name a run and the report use. */
  readonly id: string;
  /** What the variant does wrong, in a sentence. */
  readonly summary: string;
  /** The catalog ids it breaks: the suite must fail a scenario citing one of them, and none that cites none. */
  readonly breaks: readonly string[];
  readonly swaps?: readonly RuleSwap[];
  /** Per endpoint, the answer altered after the reference wrote it. */
  readonly replies?: Partial<Record<RouteName, (reply: Reply, request: MockRequest) => Reply>>;
}

/** Typed pairing of a rule and its broken stand-in. */
export function swap<T>(original: T, broken: T, routes?: readonly RouteName[]): RuleSwap {
  return { original, broken, ...(routes === undefined ? {} : { routes }) };
}

/** The pipeline of a variant: the reference with the defect's swaps in place. */
export function defectivePipeline(defect: Defect | undefined): Pipeline {
  const used = new Set<RuleSwap>();
  const pipeline = createPipeline(<T>(entry: T, route: RouteName): T => {
    const found = defect?.swaps?.find((s) => matches(s, entry, route));
    if (found === undefined) return entry;
    used.add(found);
    return found.broken as T;
  });
  // A swap that matches no entry leaves the variant identical to the reference: a defect in the defect.
  if (defect?.swaps?.some((s) => !used.has(s))) throw new RangeError(`defect ${defect.id}: a swap names no rule of the pipeline`);
  return pipeline;
}

/** Told the id of each defect that would have answered the request at hand differently from the reference. */
export type DefectProbe = (defectId: string) => void;

/**
 * The reference pipeline, with every entry that some defect swaps also run in its broken form on the same
 * input: where the two disagree, the probe hears of it. The reference's answers are unchanged. A scenario
 * the probe never heard of for a defect runs the same against that variant, so the self-test need not run it.
 * The broken stand-ins read the request and the stores but change nothing (defects.ts), so running them is safe.
 */
export function probingPipeline(defects: readonly Defect[], probe: DefectProbe): Pipeline {
  return createPipeline(<T>(entry: T, route: RouteName): T => {
    const rivals = defects.flatMap((defect) =>
      (defect.swaps ?? []).filter((s) => matches(s, entry, route)).map((s) => ({ id: defect.id, broken: s.broken as (...args: unknown[]) => unknown })),
    );
    if (rivals.length === 0 || typeof entry !== 'function') return entry;
    const original = entry as (...args: unknown[]) => unknown;
    const probed = (...args: unknown[]): unknown => {
      const result = original(...args);
      const theirs = rivals.map((rival) => ({ id: rival.id, result: attempt(() => rival.broken(...args)) }));
      if (!(result instanceof Promise) && !theirs.some((t) => t.result instanceof Promise)) {
        for (const t of theirs) if (differ(result, t.result)) probe(t.id);
        return result;
      }
      // Async entries (signature checks) answer once both forms have: the probe has heard before the reply leaves.
      return Promise.all([result, ...theirs.map((t) => Promise.resolve(t.result).catch((error: unknown) => error))]).then(([mine, ...others]) => {
        others.forEach((other, index) => {
          if (differ(mine, other)) probe(theirs[index]?.id ?? '');
        });
        return mine;
      });
    };
    return probed as T;
  });
}

/** Whether a defect's altered answer differs from the reference's, for the probe. */
export function answersDiffer(reference: Reply, altered: Reply): boolean {
  return differ(reference, altered);
}

function matches(s: RuleSwap, entry: unknown, route: RouteName): boolean {
  return s.original === entry && (s.routes === undefined || s.routes.includes(route));
}

function attempt(run: () => unknown): unknown {
  try {
    return run();
  } catch (error) {
    return error;
  }
}

/** Results are plain data (failures, outcomes, sessions, booleans); an error differs from everything. */
function differ(a: unknown, b: unknown): boolean {
  if (a instanceof Error || b instanceof Error) return true;
  return JSON.stringify(a) !== JSON.stringify(b);
}

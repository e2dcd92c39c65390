/**
 * Which requirements each scenario proves, read from its `@req:<id>` tags before anything runs, so that a
 * misspelt id (or a scenario that checks nothing) stops the run at once instead of silently weakening a verdict.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import { AstBuilder, compile, GherkinClassicTokenMatcher, Parser } from '@cucumber/gherkin';
import { IdGenerator } from '@cucumber/messages';
import { citedIds, findRequirement } from '../spec/requirements/catalog';
import type { Requirement } from '../spec/requirements/requirement';

export interface ScenarioCitation {
  readonly uri: string;
  readonly line: number;
  readonly name: string;
  readonly tags: readonly string[];
  readonly requirements: readonly Requirement[];
}

export interface Traceability {
  readonly scenarios: readonly ScenarioCitation[];
  /** One per unknown id or scenario citing nothing; the message names the file and line. */
  readonly problems: readonly { readonly uri: string; readonly message: string }[];
}

/** Reads the given feature files (paths relative to the working folder, as Cucumber reports them). */
export function readTraceability(featureFiles: readonly string[]): Traceability {
  const scenarios: ScenarioCitation[] = [];
  const problems: { uri: string; message: string }[] = [];
  const newId = IdGenerator.incrementing();
  for (const uri of featureFiles) {
    const parser = new Parser(new AstBuilder(newId), new GherkinClassicTokenMatcher());
    const document = parser.parse(readFileSync(uri, 'utf8'));
    const lines = scenarioLines(document);
    for (const pickle of compile(document, uri, newId)) {
      const tags = pickle.tags.map((tag) => tag.name);
      const line = lines.get(pickle.astNodeIds[0] ?? '') ?? 0;
      const requirements: Requirement[] = [];
      const ids = citedIds(tags);
      for (const id of ids) {
        const requirement = findRequirement(id);
        if (requirement === undefined) problems.push({ uri, message: `${uri}:${line} "${pickle.name}" cites an unknown requirement @req:${id}` });
        else requirements.push(requirement);
      }
      if (ids.length === 0) problems.push({ uri, message: `${uri}:${line} "${pickle.name}" cites no requirement (tag it @req:<id>)` });
      // A scenario without a Then step checks nothing, and a check that cannot fail proves nothing.
      if (!pickle.steps.some((step) => step.type === 'Outcome')) {
        problems.push({ uri, message: `${uri}:${line} "${pickle.name}" has no Then step, so it checks nothing` });
      }
      scenarios.push({ uri, line, name: pickle.name, tags, requirements });
    }
  }
  return { scenarios, problems };
}

/**
 * The project's features folder and whatever files or folders the run names, as relative paths: coverage
 * counts every scenario of the suite, not only those of one run's selection.
 */
export function listFeatureFiles(paths: readonly string[], featuresDir: string | null = 'features'): string[] {
  const files = new Set<string>();
  const add = (path: string): void => {
    const stats = statSync(path, { throwIfNoEntry: false });
    if (stats?.isDirectory()) {
      for (const entry of readdirSync(path, { recursive: true, encoding: 'utf8' })) {
        // Installed packages ship feature files of their own (Cucumber does), which are not scenarios of this suite.
        if (entry.endsWith('.feature') && !entry.split(sep).includes('node_modules')) files.add(asReported(join(path, entry)));
      }
    } else if (stats?.isFile()) {
      files.add(asReported(path));
    }
  };
  if (featuresDir !== null) add(featuresDir);
  for (const path of paths) add(path);
  return [...files].sort();
}

/** Cucumber names a feature file by its path relative to the working folder. */
function asReported(path: string): string {
  return relative(process.cwd(), resolve(path));
}

function scenarioLines(document: ReturnType<Parser<unknown>['parse']>): Map<string, number> {
  const lines = new Map<string, number>();
  const visit = (children: readonly { scenario?: { id: string; location: { line: number } }; rule?: { children: readonly object[] } }[]): void => {
    for (const child of children) {
      if (child.scenario !== undefined) lines.set(child.scenario.id, child.scenario.location.line);
      if (child.rule !== undefined) visit(child.rule.children as typeof children);
    }
  };
  visit(document.feature?.children ?? []);
  return lines;
}

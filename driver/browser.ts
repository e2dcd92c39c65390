/**
 * Finds and launches the browser that drives real logins. One browser per process, a fresh context per
 * login: launching costs far more than a context.
 */
import { existsSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { type Browser, chromium } from 'playwright-core';
import { HarnessError } from './errors';

export const BROWSER_ENV = 'CONFORMANCE_BROWSER';

/** Where system Chromium or Chrome usually lives, per platform. */
const SYSTEM_BROWSERS = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
  '/usr/bin/google-chrome-stable',
  '/snap/bin/chromium',
  '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
  '/Applications/Chromium.app/Contents/MacOS/Chromium',
  'C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe',
];

/** Flags that keep Chromium off the network except for the pages it is sent to, and working as root. */
const LAUNCH_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Executable names of Chromium and Chrome looked up on PATH when none is at a usual place. */
const BROWSER_COMMANDS = ['chromium', 'chromium-browser', 'google-chrome', 'google-chrome-stable', 'chrome'];

const WITHOUT_BROWSER_HINT = 'or run the other scenarios alone with --tags "not @browser"';

export interface BrowserLocation {
  readonly path: string;
  readonly source: 'environment' | 'system' | 'playwright';
}

/**
 * The browser to use: the path in CONFORMANCE_BROWSER, else a system Chromium or Chrome, else the browser
 * Playwright manages (`npx playwright install chromium`). Throws a HarnessError naming the fix.
 */
export function locateBrowser(env: NodeJS.ProcessEnv = process.env): BrowserLocation {
  const explicit = env[BROWSER_ENV];
  if (explicit !== undefined && explicit !== '') {
    if (!existsSync(explicit)) {
      throw new HarnessError(`${BROWSER_ENV}=${explicit}: no such file; point it at a Chromium/Chrome executable, ${WITHOUT_BROWSER_HINT}`);
    }
    return { path: explicit, source: 'environment' };
  }
  const system = SYSTEM_BROWSERS.find((candidate) => existsSync(candidate)) ?? onPath(env['PATH'] ?? '');
  if (system !== undefined) return { path: system, source: 'system' };
  const managed = managedBrowserPath();
  if (managed !== undefined) return { path: managed, source: 'playwright' };
  throw new HarnessError(
    `no browser found for the login scenarios: install Chromium (e.g. apt-get install chromium), set ${BROWSER_ENV} to a Chromium/Chrome executable, ${WITHOUT_BROWSER_HINT}`,
  );
}

function onPath(path: string): string | undefined {
  for (const dir of path.split(delimiter).filter((entry) => entry !== '')) {
    for (const command of BROWSER_COMMANDS) {
      if (existsSync(join(dir, command))) return join(dir, command);
    }
  }
  return undefined;
}

function managedBrowserPath(): string | undefined {
  try {
    const path = chromium.executablePath();
    return existsSync(path) ? path : undefined;
  } catch {
    return undefined;
  }
}

let shared: Promise<Browser> | undefined;

/** The process's browser, launched on first use. */
export function sharedBrowser(): Promise<Browser> {
  shared ??= launch();
  return shared;
}

async function launch(): Promise<Browser> {
  const { path } = locateBrowser();
  try {
    const browser = await chromium.launch({ executablePath: path, headless: true, args: LAUNCH_ARGS });
    // A crashed browser is replaced at the next login instead of failing every later scenario.
    browser.on('disconnected', () => {
      shared = undefined;
    });
    return browser;
  } catch (error) {
    shared = undefined;
    const reason = error instanceof Error ? error.message.split('\n')[0] : String(error);
    throw new HarnessError(`could not start the browser at ${path}: ${reason}`);
  }
}

export async function closeSharedBrowser(): Promise<void> {
  const pending = shared;
  shared = undefined;
  if (pending !== undefined) await (await pending.catch(() => undefined))?.close();
}

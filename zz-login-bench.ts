import { chromium, type BrowserContext } from 'playwright-core';
import { startMockServer } from './mock-server/index';

const ARGS = ['--no-sandbox','--disable-gpu','--disable-quic','--no-first-run','--disable-background-networking','--disable-component-update','--disable-sync', ...(process.env.EXTRA ?? '').split(' ').filter(Boolean)];
async function main() {
  const mock = await startMockServer();
  const profile = mock.targetProfile() as any;
  const app = mock.registry.apps['private-server-web'] as any;
  const user = mock.registry.users[0]!;
  const redirect = app.redirectUris[0];
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args: ARGS });
  const strategy = process.env.S ?? 'fresh';
  let shared: BrowserContext | undefined;
  const times: number[] = [];
  for (let i = 0; i < 15; i++) {
    const t0 = performance.now();
    let ctx: BrowserContext;
    let pre: Promise<{c: BrowserContext, p: any}> | undefined = (globalThis as any).pre;
    if (strategy === 'prewarm') { const w = await (pre ?? browser.newContext().then(async (c) => ({ c, p: await c.newPage() }))); ctx = w.c; (globalThis as any).pg = w.p; }
    else if (strategy === 'fresh') ctx = await browser.newContext();
    else { shared ??= await browser.newContext(); ctx = shared; await ctx.clearCookies(); }
    let done!: () => void; const arrived = new Promise<void>((r) => (done = r));
    ctx.on('request', (r) => { if (r.url().startsWith(redirect)) done(); });
    const page = strategy === 'prewarm' ? (globalThis as any).pg : strategy === 'page' && ctx.pages()[0] ? ctx.pages()[0]! : await ctx.newPage();
    const url = `${mock.baseUrl}/restapi/oauth/authorize?response_type=code&client_id=${app.clientId}&redirect_uri=${encodeURIComponent(redirect)}&state=abc${i}`;
    await page.goto(url);
    await page.locator('#username').fill(user.username);
    await page.locator('#extension').fill(user.extension);
    await page.locator('#password').fill(user.password);
    await page.locator('role=button[name="Sign in"]').click();
    await page.locator('role=button[name="Approve"]').click({ noWaitAfter: process.env.NW === '1' } as any);
    await arrived; if (strategy === 'page') await page.waitForURL(/^chrome-error/).catch(() => {});
    if (strategy === 'prewarm') { (globalThis as any).pre = browser.newContext().then(async (c) => ({ c, p: await c.newPage() })); void ctx.close(); } else if (strategy === 'fresh') await ctx.close(); else if (strategy === 'shared') await page.close(); else ctx.removeAllListeners('request');
    if (strategy === 'shared') ctx.removeAllListeners('request');
    times.push(performance.now() - t0);
  }
  await browser.close(); await mock.stop();
  const s = [...times].sort((a, b) => a - b);
  console.log(strategy, process.env.EXTRA ?? '', 'median', s[7]!.toFixed(0), 'all', times.map((t) => t.toFixed(0)).join(' '));
}
main();

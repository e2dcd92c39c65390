/** The authorization server's sign-in and consent pages, by intent; the target profile names the selectors. */
import { errors, type Page } from 'playwright-core';
import { HarnessError } from './errors';
import { endpointOf } from './http-client';
import type { LoginPage, UserCredentials } from './target';

export class AuthorizationPages {
  constructor(
    private readonly page: Page,
    private readonly selectors: LoginPage,
  ) {}

  async signIn(user: UserCredentials): Promise<void> {
    if (user.password === undefined) throw new HarnessError('the target names no password for the user, so the browser cannot sign in');
    await this.act('username', (locator) => locator.fill(user.username));
    if (user.extension !== undefined && this.selectors.extension !== undefined) {
      const extension = user.extension;
      await this.act('extension', (locator) => locator.fill(extension));
    }
    if (this.selectors.next !== undefined) await this.act('next', (locator) => locator.click());
    const password = user.password;
    await this.act('password', (locator) => locator.fill(password));
    await this.act('submit', (locator) => locator.click());
  }

  /** Where the browser stands: the page, and whether it asks to sign in or to approve. */
  async state(): Promise<{ html: string; showsLogin: boolean; offersConsent: boolean }> {
    return {
      html: await this.page.content(),
      showsLogin: (await this.page.locator(this.selectors.password).count()) > 0,
      offersConsent: this.selectors.approve !== undefined && (await this.page.locator(this.selectors.approve).count()) > 0,
    };
  }

  async approve(): Promise<void> {
    await this.decide('approve');
  }

  async decline(): Promise<void> {
    await this.decide('decline');
  }

  private async decide(field: 'approve' | 'decline'): Promise<void> {
    if (this.selectors[field] === undefined) throw new HarnessError(`the target's login page profile names no button to ${field} with (loginPage.${field})`);
    try {
      await this.act(field, (locator) => locator.click());
    } catch (error) {
      if ((await this.page.locator(this.selectors.password).count()) > 0) {
        throw new HarnessError('the sign-in page did not accept the configured user credentials');
      }
      throw error;
    }
  }

  /**
   * One action on the element a profile field names. An element that never shows up is a profile that does
   * not fit the pages (or a page that never came): the message names the field to fix and where the browser was.
   */
  private async act(field: keyof LoginPage, action: (locator: ReturnType<Page['locator']>) => Promise<void>): Promise<void> {
    const selector = this.selectors[field] ?? '';
    try {
      await action(this.page.locator(selector));
    } catch (error) {
      if (!(error instanceof errors.TimeoutError)) throw error;
      throw new HarnessError(
        `the page at ${endpointOf(this.page.url())} showed nothing matching loginPage.${field} (${selector}) in time: ` +
          `check that selector in the target profile, or raise --timeout for a slow server`,
      );
    }
  }
}

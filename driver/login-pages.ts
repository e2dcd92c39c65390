/** The authorization server's sign-in and consent pages, by intent; the target profile names the selectors. */
import type { Page } from 'playwright-core';
import { HarnessError } from './errors';
import type { LoginPage, UserCredentials } from './target';

export class AuthorizationPages {
  constructor(
    private readonly page: Page,
    private readonly selectors: LoginPage,
  ) {}

  async signIn(user: UserCredentials): Promise<void> {
    if (user.password === undefined) throw new HarnessError('the target names no password for the user, so the browser cannot sign in');
    await this.page.locator(this.selectors.username).fill(user.username);
    if (user.extension !== undefined && this.selectors.extension !== undefined) {
      await this.page.locator(this.selectors.extension).fill(user.extension);
    }
    if (this.selectors.next !== undefined) await this.page.locator(this.selectors.next).click();
    await this.page.locator(this.selectors.password).fill(user.password);
    await this.page.locator(this.selectors.submit).click();
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
    await this.decide(this.selectors.approve, 'approve');
  }

  async decline(): Promise<void> {
    await this.decide(this.selectors.decline, 'decline');
  }

  private async decide(selector: string | undefined, what: string): Promise<void> {
    if (selector === undefined) throw new HarnessError(`the target's login page profile names no button to ${what} with`);
    try {
      await this.page.locator(selector).click();
    } catch (error) {
      if ((await this.page.locator(this.selectors.password).count()) > 0) {
        throw new HarnessError('the sign-in page did not accept the configured user credentials');
      }
      throw error;
    }
  }
}

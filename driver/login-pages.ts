/** The authorization server's sign-in and consent pages, by intent; locators by label and role. */
import type { Locator, Page } from 'playwright-core';
import { HarnessError } from './errors';
import type { UserCredentials } from './target';

export class AuthorizationPages {
  constructor(private readonly page: Page) {}

  async signIn(user: UserCredentials): Promise<void> {
    await this.page.getByLabel('Username').fill(user.username);
    if (user.extension !== undefined) await this.page.getByLabel('Extension').fill(user.extension);
    await this.page.getByLabel('Password').fill(user.password);
    await this.page.getByRole('button', { name: 'Sign in' }).click();
  }

  /** Where the browser stands: the page, and whether it asks to sign in or to approve. */
  async state(): Promise<{ html: string; showsLogin: boolean; offersConsent: boolean }> {
    return {
      html: await this.page.content(),
      showsLogin: (await this.page.getByLabel('Password').count()) > 0,
      offersConsent: (await this.page.getByRole('button', { name: 'Approve' }).count()) > 0,
    };
  }

  async approve(): Promise<void> {
    await this.decide(this.page.getByRole('button', { name: 'Approve' }));
  }

  async decline(): Promise<void> {
    await this.decide(this.page.getByRole('button', { name: 'Decline' }));
  }

  private async decide(button: Locator): Promise<void> {
    try {
      await button.click();
    } catch (error) {
      if ((await this.page.getByLabel('Password').count()) > 0) {
        throw new HarnessError('the sign-in page did not accept the configured user credentials');
      }
      throw error;
    }
  }
}

/**
 * The HTML the user sees: sign-in, consent and error pages. Plain forms with labels and roles, no script,
 * so a browser test can find everything by label and role.
 */
import type { LoginPage } from '../driver/target';
import { type Failure, VENDOR_CODES } from './dialect';
import { PATHS } from './paths';
import type { RegisteredApp } from './registry';

/** What the user typed in a rejected attempt; kept in the form, except the password. */
export interface RejectedSignIn {
  readonly username: string;
  readonly extension: string;
}

export function signInPage(app: RegisteredApp, requestId: string, rejected?: RejectedSignIn): string {
  return page(
    `Sign in to ${app.name}`,
    `<h1>Sign in to ${escapeHtml(app.name)}</h1>
    ${rejected === undefined ? '' : '<p role="alert">Invalid username or password</p>'}
    <form method="post" action="${PATHS.signIn}">
      <input type="hidden" name="request" value="${escapeHtml(requestId)}">
      <p><label for="username">Username</label>
        <input id="username" name="username" autocomplete="username" required value="${escapeHtml(rejected?.username ?? '')}"></p>
      <p><label for="extension">Extension</label>
        <input id="extension" name="extension" inputmode="numeric" aria-describedby="extension-hint"
          value="${escapeHtml(rejected?.extension ?? '')}">
        <small id="extension-hint">optional</small></p>
      <p><label for="password">Password</label>
        <input id="password" name="password" type="password" autocomplete="current-password" required></p>
      <button type="submit">Sign in</button>
    </form>`,
  );
}

export function consentPage(app: RegisteredApp, requestId: string, scope: readonly string[]): string {
  const permissions = scope.map((permission) => `<li>${escapeHtml(permission)}</li>`).join('');
  return page(
    `${app.name} would like to access your account`,
    `<h1>${escapeHtml(app.name)} would like to access your account</h1>
    <p>It asks for these permissions:</p>
    <ul>${permissions}</ul>
    ${decisionForm(requestId, [['approve', 'Approve'], ['decline', 'Decline']])}`,
  );
}

/**
 * Sign-in and consent in the shape of RingCentral's: elements marked with `data-test-automation-id`, a
 * Next button between the sign-in name and the password, "Sign In", then "Authorize" or "Cancel". The
 * password field is on the same page, since there is no script to reveal it; Next does nothing.
 */
export function ringCentralSignInPage(app: RegisteredApp, requestId: string, rejected?: RejectedSignIn): string {
  return page(
    `Sign in to ${app.name}`,
    `<h1>Sign in</h1>
    <p>to continue to ${escapeHtml(app.name)}</p>
    ${rejected === undefined ? '' : '<p role="alert" data-test-automation-id="loginError">Invalid credentials</p>'}
    <form method="post" action="${PATHS.signIn}">
      <input type="hidden" name="request" value="${escapeHtml(requestId)}">
      <p><label>Email or phone
        <input data-test-automation-id="credential" name="username" autocomplete="username" required value="${escapeHtml(rejected?.username ?? '')}"></label></p>
      <p><button type="button" data-test-automation-id="loginCredentialNext">Next</button></p>
      <p><label>Password
        <input data-test-automation-id="password" name="password" type="password" autocomplete="current-password" required></label></p>
      <button type="submit" data-test-automation-id="signInBtn">Sign In</button>
    </form>`,
  );
}

export function ringCentralConsentPage(app: RegisteredApp, requestId: string, scope: readonly string[]): string {
  const permissions = scope.map((permission) => `<li>${escapeHtml(permission)}</li>`).join('');
  return page(
    `Access request from ${app.name}`,
    `<h1>${escapeHtml(app.name)} is requesting access</h1>
    <ul>${permissions}</ul>
    ${decisionForm(requestId, [['decline', 'Cancel'], ['approve', 'Authorize']])}`,
  );
}

/** The consent form: one submit button per decision, in the order given, each with its label. */
function decisionForm(requestId: string, buttons: readonly (readonly ['approve' | 'decline', string])[]): string {
  const submits = buttons.map(([decision, label]) => `<button type="submit" name="decision" value="${decision}">${label}</button>`);
  return `<form method="post" action="${PATHS.consent}">
      <input type="hidden" name="request" value="${escapeHtml(requestId)}">
      ${submits.join('\n      ')}
    </form>`;
}

/** The pages a mode shows, and the selectors a browser finds their fields by. */
export interface PageSet {
  readonly signIn: (app: RegisteredApp, requestId: string, rejected?: RejectedSignIn) => string;
  readonly consent: (app: RegisteredApp, requestId: string, scope: readonly string[]) => string;
  readonly selectors: LoginPage;
}

export const MOCK_PAGES: PageSet = {
  signIn: signInPage,
  consent: consentPage,
  selectors: {
    username: '#username',
    extension: '#extension',
    password: '#password',
    submit: 'role=button[name="Sign in"]',
    approve: 'role=button[name="Approve"]',
    decline: 'role=button[name="Decline"]',
  },
};

/** The same selectors as the shipped ringcentral profile's, which the mock's ringcentral mode must satisfy. */
export const RINGCENTRAL_PAGES: PageSet = {
  signIn: ringCentralSignInPage,
  consent: ringCentralConsentPage,
  selectors: {
    username: 'input[data-test-automation-id="credential"], [data-test-automation-id="credential"] input',
    next: '[data-test-automation-id="loginCredentialNext"]',
    password: 'input[data-test-automation-id="password"], [data-test-automation-id="password"] input',
    submit: '[data-test-automation-id="signInBtn"]',
    approve: 'role=button[name="Authorize"]',
    decline: 'role=button[name="Cancel"]',
  },
};

/** Shown instead of redirecting when the client or its redirect URI cannot be trusted (RFC 6749 §4.1.2.1). */
export function errorPage(failure: Failure): string {
  return page(
    'Authorization failed',
    `<h1>Authorization failed</h1>
    <p role="alert"><code>${escapeHtml(failure.error)}</code>: ${escapeHtml(failure.description)}</p>
    <p>${escapeHtml(failure.vendorCode)} ${escapeHtml(VENDOR_CODES[failure.vendorCode])}</p>`,
  );
}

function page(title: string, body: string): string {
  return `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>${escapeHtml(title)}</title></head>
<body><main>
    ${body}
</main></body>
</html>
`;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}

/**
 * The HTML the user sees: sign-in, consent and error pages. Plain forms with labels and roles, no script,
 * so a browser test can find everything by label and role.
 */
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
    <form method="post" action="${PATHS.consent}">
      <input type="hidden" name="request" value="${escapeHtml(requestId)}">
      <button type="submit" name="decision" value="approve">Approve</button>
      <button type="submit" name="decision" value="decline">Decline</button>
    </form>`,
  );
}

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

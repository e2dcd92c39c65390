// Rule: a requested scope lists only permissions the app was registered with (RFC 6749 §3.3; invalid_scope in §4.1.2.1, §5.2).
import { fail } from '../dialect';
import type { Params } from '../params';
import type { RegisteredApp } from '../registry';
import type { Rule } from '../rule';
import { beyond, parseScope } from '../scope';

interface Context {
  readonly params: Params;
  readonly app: RegisteredApp;
}

export const requirePermittedScope: Rule<Context> = ({ params, app }) => {
  const extra = beyond(parseScope(params.get('scope')) ?? [], app.permissions);
  return extra.length === 0
    ? undefined
    : fail('invalid_scope', 'OAU-101', `The application does not have the permission: ${extra.join(' ')}`);
};

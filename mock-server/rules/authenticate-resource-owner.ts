// Rule: the resource owner's username and password (and extension, when sent) are right (RFC 6749 §4.3.2; invalid_grant per §5.2).
import { fail } from '../dialect';
import type { Params } from '../params';
import type { RegisteredUser, Registry } from '../registry';
import { found, refused, type Resolver } from '../rule';
import { sameSecret } from '../secrets';

interface Context {
  readonly params: Params;
  readonly registry: Registry;
}

export const authenticateResourceOwner: Resolver<Context, RegisteredUser> = ({ params, registry }) => {
  const user = registry.findUser(params.get('username'));
  const extension = params.get('extension');
  const password = params.get('password') ?? '';
  // Compare the password even for an unknown user, so timing does not reveal which usernames exist.
  const passwordMatches = sameSecret(password, user?.password ?? '\u0000');
  if (user === undefined || !passwordMatches || (extension !== undefined && extension !== user.extension)) {
    return refused(fail('invalid_grant', 'OAU-140', 'Invalid resource owner credentials'));
  }
  return found(user);
};

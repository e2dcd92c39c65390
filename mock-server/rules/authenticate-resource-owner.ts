// Rule: the resource owner's username and password (and extension, when sent) are right (RFC 6749 §4.3.2; invalid_grant per §5.2).
// RFC 6749 leaves the username's form to the server; like RingCentral, the mock also reads "number*extension".
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
  const [username, starred] = splitExtension(params.get('username'));
  const user = registry.findUser(username);
  const extension = params.get('extension') ?? starred;
  const password = params.get('password') ?? '';
  // Compare the password even for an unknown user, so timing does not reveal which usernames exist.
  const passwordMatches = sameSecret(password, user?.password ?? '\u0000');
  if (user === undefined || !passwordMatches || (extension !== undefined && extension !== user.extension)) {
    return refused(fail('invalid_grant', 'OAU-140', 'Invalid resource owner credentials'));
  }
  return found(user);
};

/** "+16505550100*101" is the user +16505550100 at extension 101, as RingCentral's SDKs send it. */
function splitExtension(username: string | undefined): [string | undefined, string | undefined] {
  const star = username?.lastIndexOf('*') ?? -1;
  if (username === undefined || star <= 0 || star === username.length - 1) return [username, undefined];
  return [username.slice(0, star), username.slice(star + 1)];
}

// Rule: the code was issued by this server, has not expired and was not used before (RFC 6749 §4.1.2, §4.1.3; invalid_grant per §5.2).
import { fail } from '../dialect';
import type { Params } from '../params';
import { found, refused, type Resolver } from '../rule';
import type { CodeStore, IssuedCode } from '../stores/codes';

interface Context {
  readonly params: Params;
  readonly codes: CodeStore;
}

export const findAuthorizationCode: Resolver<Context, IssuedCode> = ({ params, codes }) => {
  const code = codes.find(params.get('code'));
  if (code === undefined) return refused(fail('invalid_grant', 'OAU-106', 'The authorization code is not known'));
  switch (codes.status(code)) {
    case 'redeemed':
      return refused(fail('invalid_grant', 'OAU-106', 'The authorization code was already used'));
    case 'expired':
      return refused(fail('invalid_grant', 'OAU-108', 'The authorization code has expired'));
    case 'live':
      return found(code);
  }
};

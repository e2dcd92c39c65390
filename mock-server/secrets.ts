/** Random credentials and the ledger of everything secret this instance handed out (for leak scanning). */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** A random URL-safe string carrying `bytes` bytes of entropy. */
export function randomToken(bytes: number): string {
  return randomBytes(bytes).toString('base64url');
}

/** Compares secrets in constant time; hashing first hides the length as well. */
export function sameSecret(presented: string, expected: string): boolean {
  const digest = (value: string): Buffer => createHash('sha256').update(value, 'utf8').digest();
  return timingSafeEqual(digest(presented), digest(expected));
}

export class SecretLedger {
  private readonly secrets = new Set<string>();

  record(secret: string): string {
    this.secrets.add(secret);
    return secret;
  }

  all(): string[] {
    return [...this.secrets];
  }
}

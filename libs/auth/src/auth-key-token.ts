// Managed API key secrets: `sk_gom_` + 32 random bytes in base64url. Only the SHA-256 of the whole token is stored,
// so a leaked database does not leak usable keys; the redacted form is what lists and logs may show.
import { createHash, randomBytes } from 'node:crypto';

const PREFIX = 'sk_gom_';

export function newAuthKeyToken(): string {
  return `${PREFIX}${randomBytes(32).toString('base64url')}`;
}

/** SHA-256 of the token's UTF-8 bytes: the request path hashes once and uses the digest for both key kinds. */
export function digestToken(token: string): Buffer {
  return createHash('sha256').update(token, 'utf8').digest();
}

/** The stored form of a token: SHA-256, lower-case hex. */
export function hashAuthKeyToken(token: string): string {
  return digestToken(token).toString('hex');
}

/** `sk_gom_...abcd`: enough to tell keys apart, never enough to use one. */
export function redactAuthKeyToken(token: string): string {
  return `${PREFIX}...${token.slice(-4)}`;
}

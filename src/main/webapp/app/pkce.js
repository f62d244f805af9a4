// Proof Key for Code Exchange (RFC 7636) for the SSO sign-in: a random code verifier, and its S256
// challenge, the base64url of the SHA-256 of the verifier's ASCII. Plain functions, tested in the
// browser by WebAdministrationIT against Java's own SHA-256.

/** base64url without padding (RFC 4648 §5) of the bytes. */
export function base64url(bytes) {
  let text = '';
  for (const byte of new Uint8Array(bytes)) text += String.fromCharCode(byte);
  return btoa(text).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** A random text of 43 unreserved characters from 32 random bytes (a verifier, a state). */
export function randomText() {
  return base64url(crypto.getRandomValues(new Uint8Array(32)));
}

/** The S256 code challenge of the verifier. */
export async function challengeOf(verifier) {
  return base64url(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier)));
}

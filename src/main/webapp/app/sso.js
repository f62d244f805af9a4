// Signing in with the SSO issuer: the OpenID Connect authorization-code flow with PKCE, as a public
// client (a browser keeps no secret). The issuer's endpoints come from its discovery document; the
// code is exchanged in the browser; the access token is then the bearer token of every API call,
// as the API accepts the issuer's tokens (docs/security.md). What the flow needs between leaving
// for the issuer and coming back (the verifier and the state) waits in sessionStorage, for this tab.
import { challengeOf, randomText } from './pkce.js';

const PENDING = 'ripieno.sso';
const CALLBACK = '/sign-in';

/** GET /api/auth/sso: {enabled, issuer, clientId}; null when it cannot be read. */
export async function ssoConfig() {
  try {
    const response = await fetch('/api/auth/sso', { headers: { Accept: 'application/json' } });
    return response.ok ? response.json() : null;
  } catch (unreachable) {
    return null;
  }
}

async function discovery(issuer) {
  const response = await fetch(`${issuer.replace(/\/$/, '')}/.well-known/openid-configuration`, {
    headers: { Accept: 'application/json' },
  });
  if (!response.ok) throw new Error(`discovery ${response.status}`);
  return response.json();
}

function redirectUri() {
  return `${location.origin}${CALLBACK}`;
}

/** Leaves for the issuer's sign-in page. */
export async function startSsoSignIn(config) {
  const { authorization_endpoint: authorize } = await discovery(config.issuer);
  const pending = { verifier: randomText(), state: randomText(), issuer: config.issuer, clientId: config.clientId };
  sessionStorage.setItem(PENDING, JSON.stringify(pending));
  const target = new URL(authorize);
  target.search = new URLSearchParams({
    response_type: 'code',
    client_id: config.clientId,
    redirect_uri: redirectUri(),
    scope: 'openid',
    state: pending.state,
    code_challenge: await challengeOf(pending.verifier),
    code_challenge_method: 'S256',
  }).toString();
  location.assign(target.toString());
}

/** Whether this page is the issuer's answer (a code or an error, with a state). */
export function isSsoCallback() {
  const search = new URLSearchParams(location.search);
  return search.has('state') && (search.has('code') || search.has('error'));
}

export class SsoRefusal extends Error {}

/**
 * Finishes a sign-in the issuer answered: checks the state, exchanges the code for tokens at the
 * token endpoint with the verifier, and answers the access token. The answer's parameters leave
 * the address bar at once, whatever happens.
 */
export async function finishSsoSignIn() {
  const search = new URLSearchParams(location.search);
  history.replaceState(null, '', CALLBACK);
  const pending = JSON.parse(sessionStorage.getItem(PENDING) || 'null');
  sessionStorage.removeItem(PENDING);
  if (!pending || search.get('state') !== pending.state) throw new SsoRefusal('state');
  if (search.has('error')) throw new SsoRefusal(search.get('error_description') || search.get('error'));
  const { token_endpoint: tokenEndpoint } = await discovery(pending.issuer);
  const response = await fetch(tokenEndpoint, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json' },
    body: new URLSearchParams({
      grant_type: 'authorization_code',
      code: search.get('code'),
      redirect_uri: redirectUri(),
      client_id: pending.clientId,
      code_verifier: pending.verifier,
    }),
  });
  const tokens = await response.json();
  if (!response.ok || !tokens.access_token) throw new SsoRefusal(tokens.error_description || tokens.error || String(response.status));
  return tokens.access_token;
}

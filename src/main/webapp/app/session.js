// The signed-in account. The token lives in sessionStorage only: it ends with the tab, and no
// cookie carries it, so there is nothing for a cross-site request to ride on.
const TOKEN = 'ripieno.token';
const USER = 'ripieno.user';

export function token() {
  return sessionStorage.getItem(TOKEN);
}

/** The account as GET /api/auth/me answers it, or null. */
export function user() {
  const stored = sessionStorage.getItem(USER);
  return stored ? JSON.parse(stored) : null;
}

export function begin(login) {
  sessionStorage.setItem(TOKEN, login.token);
  sessionStorage.setItem(USER, JSON.stringify(login.user));
}

export function updateUser(account) {
  sessionStorage.setItem(USER, JSON.stringify(account));
}

export function end() {
  sessionStorage.removeItem(TOKEN);
  sessionStorage.removeItem(USER);
}

/** Admins and superadmins write; a `user` reads (the API answers 403 to its writes anyway). */
export function canWrite() {
  const account = user();
  return account !== null && (account.role === 'admin' || account.role === 'superadmin');
}

/** Where the account starts: the platform for a superadmin, its orchestra's dashboard otherwise. */
export function homePath() {
  const account = user();
  if (!account) return '/sign-in';
  if (account.role === 'superadmin') return '/platform/orchestras';
  return account.orchestra ? `/o/${account.orchestra.subdomain}/dashboard` : '/sign-in';
}

// The one way to the API: adds the token and the language, and turns every refusal
// (application/problem+json) into an ApiError whose message is the problem's detail.
import { token, end } from './session.js';
import { currentLanguage, t } from './i18n.js';

const LOGIN = '/auth/login';

export class ApiError extends Error {
  constructor(status, message, problem) {
    super(message);
    this.status = status;
    this.problem = problem;
  }
}

const JSON_ANSWERS = 'application/json, application/problem+json';

/** A call with a JSON body (or none), answered with JSON (or null). */
export async function api(method, path, body) {
  const response = await send(method, path, {
    body: body === undefined ? undefined : JSON.stringify(body),
    type: body === undefined ? undefined : 'application/json',
  });
  return answerOf(response);
}

/** A call whose body is a file's text (a CSV import), answered with JSON. */
export async function sendText(method, path, text, type) {
  return answerOf(await send(method, path, { body: text, type }));
}

/** A multipart/form-data upload (a file and its fields), answered with JSON; the browser sets the boundary. */
export async function sendForm(method, path, formData) {
  return answerOf(await send(method, path, { body: formData }));
}

/** A file the API answers with (an export): its content and the name the API gave it. */
export async function download(path) {
  const response = await send('GET', path, { accept: '*/*' });
  const disposition = response.headers.get('Content-Disposition') || '';
  const named = /filename="([^"]+)"/.exec(disposition);
  return { blob: await response.blob(), filename: named ? named[1] : 'download' };
}

async function send(method, path, { body, type, accept = JSON_ANSWERS }) {
  const headers = { Accept: accept, 'Accept-Language': currentLanguage() };
  // Signing in never sends the old token: after a password change it is no longer valid.
  const bearer = path === LOGIN ? null : token();
  if (bearer) headers.Authorization = `Bearer ${bearer}`;
  if (type) headers['Content-Type'] = type;
  let response;
  try {
    response = await fetch(`/api${path}`, { method, headers, body });
  } catch (unreachable) {
    throw new ApiError(0, t('error.network'), null);
  }
  if (response.status === 401 && bearer) {
    // The token ended (expired, password changed, account deactivated): sign in again.
    end();
    window.dispatchEvent(new CustomEvent('session-ended'));
  }
  if (!response.ok) throw await refusal(response);
  return response;
}

async function answerOf(response) {
  if (response.status === 204) return null;
  const type = response.headers.get('Content-Type') || '';
  return type.includes('json') ? response.json() : null;
}

async function refusal(response) {
  let problem = null;
  try {
    problem = await response.json();
  } catch (notJson) {
    problem = null;
  }
  let message = (problem && (problem.detail || problem.title)) || t('error.status', { status: response.status });
  if (response.status === 429) {
    const seconds = Number(response.headers.get('Retry-After'));
    const minutes = Math.max(1, Math.ceil((Number.isFinite(seconds) ? seconds : 60) / 60));
    message = `${message} ${t('error.tooManyAttempts', { minutes })}`;
  } else if (response.status === 403) {
    message = `${message} ${t('error.forbidden')}`;
  }
  return new ApiError(response.status, message, problem);
}

/** The text to show for anything a call threw. */
export function messageOf(error) {
  return error instanceof ApiError ? error.message : t('error.unexpected');
}

/** A query string from the given parameters, leaving out empty ones. */
export function query(parameters) {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(parameters)) {
    if (value !== undefined && value !== null && value !== '') search.set(key, value);
  }
  const text = search.toString();
  return text ? `?${text}` : '';
}

// A small router over the History API: links inside the application change the page without a
// reload; the server answers every route with index.html, so reloading and bookmarks work.
const listeners = new Set();

export function onRouteChange(listener) {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function navigate(path, { replace = false } = {}) {
  if (path === location.pathname + location.search) return;
  if (replace) history.replaceState(null, '', path);
  else history.pushState(null, '', path);
  notify();
}

function notify() {
  for (const listener of listeners) listener(location.pathname);
}

window.addEventListener('popstate', notify);

document.addEventListener('click', (event) => {
  const link = event.composedPath().find((node) => node instanceof HTMLAnchorElement);
  if (!link || link.target || link.hasAttribute('download') || link.origin !== location.origin) return;
  if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
  event.preventDefault();
  navigate(link.pathname + link.search);
});

/** The parameters of path for a pattern such as /o/:subdomain/musicians, or null. */
export function match(pattern, path) {
  const names = [];
  const expression = new RegExp(
    `^${pattern.replace(/:(\w+)/g, (whole, name) => {
      names.push(name);
      return '([^/]+)';
    })}/?$`,
  );
  const found = expression.exec(path);
  if (!found) return null;
  return Object.fromEntries(names.map((name, index) => [name, decodeURIComponent(found[index + 1])]));
}

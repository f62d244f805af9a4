import { html } from 'lit';
import { RipienoElement } from './ripieno-element.js';
import { LANGUAGES, chooseLanguage, currentLanguage, t, useTimeZone } from '../i18n.js';
import { match, navigate, onRouteChange } from '../router.js';
import { api } from '../api.js';
import * as session from '../session.js';
import './sign-in-page.js';
import './password-page.js';
import './orchestras-page.js';
import './musicians-page.js';
import './rankings-page.js';
import './projects-page.js';
import './instruments-page.js';
import './templates-page.js';
import './settings-page.js';
import './accounts-page.js';
import './audit-log-page.js';
import './system-log-page.js';
import './platform-system-log-page.js';
import './orchestra-page.js';
import './customers-page.js';
import './platform-health-page.js';
import './schema-page.js';
import './project-page.js';
import './messages-page.js';
import './dashboard-page.js';
import { SETTINGS_PAGES, settingsPages } from './settings-nav.js';

const ORCHESTRA_PAGES = ['dashboard', 'musicians', 'rankings', 'projects', 'messages'];
// The superadmin's platform screens, in the navigation's order.
const PLATFORM_PAGES = {
  orchestras: () => html`<orchestras-page></orchestras-page>`,
  accounts: () => html`<accounts-page .platform=${true}></accounts-page>`,
  customers: () => html`<customers-page></customers-page>`,
  health: () => html`<platform-health-page></platform-health-page>`,
  schema: () => html`<schema-page></schema-page>`,
  'system-log': () => html`<platform-system-log-page></platform-system-log-page>`,
};
// The settings area: one link in the navigation, its pages as tabs (settings-nav).
const SETTINGS_AREA = {
  instruments: (subdomain) => html`<instruments-page .subdomain=${subdomain}></instruments-page>`,
  templates: (subdomain) => html`<templates-page .subdomain=${subdomain}></templates-page>`,
  settings: (subdomain) => html`<settings-page .subdomain=${subdomain}></settings-page>`,
  accounts: (subdomain) => html`<accounts-page .subdomain=${subdomain}></accounts-page>`,
  'audit-log': (subdomain) => html`<audit-log-page .subdomain=${subdomain}></audit-log-page>`,
  'system-log': (subdomain) => html`<system-log-page .subdomain=${subdomain}></system-log-page>`,
};

/** The shell: header with navigation, language and sign-out; the page of the current route. */
class RipienoApp extends RipienoElement {
  static properties = { path: { state: true }, orchestra: { state: true }, notice: { state: true } };

  start() {
    onRouteChange((path) => this.route(path));
    window.addEventListener('session-ended', () => {
      this.notice = t('signIn.sessionEnded');
      navigate('/sign-in', { replace: true });
    });
    this.route(location.pathname);
  }

  route(path) {
    const account = session.user();
    if (!account && path !== '/sign-in') return navigate('/sign-in', { replace: true });
    if (account && account.mustChangePassword && path !== '/password') {
      return navigate('/password', { replace: true });
    }
    if (account && (path === '/' || path === '/sign-in')) {
      return navigate(session.homePath(), { replace: true });
    }
    if (path !== '/sign-in') this.notice = null;
    this.path = path;
    const inOrchestra = match('/o/:subdomain/:page', path) ?? match('/o/:subdomain/:page/:id', path);
    if (inOrchestra && inOrchestra.subdomain !== this.orchestra?.subdomain) {
      this.enterOrchestra(inOrchestra.subdomain);
    } else if (!inOrchestra && this.orchestra) {
      this.orchestra = null;
      useTimeZone(null);
    }
  }

  async enterOrchestra(subdomain) {
    this.orchestra = { subdomain, name: subdomain };
    try {
      const [overview, settings] = await Promise.all([
        api('GET', `/orchestras/${encodeURIComponent(subdomain)}`),
        api('GET', `/orchestras/${encodeURIComponent(subdomain)}/settings`),
      ]);
      if (this.orchestra?.subdomain !== subdomain) return;
      this.orchestra = { subdomain, name: overview.name };
      useTimeZone(settings.time_zone);
    } catch (failed) {
      // The page itself shows why the orchestra cannot be read.
    }
  }

  async signOut() {
    session.end();
    this.orchestra = null;
    this.notice = t('signIn.signedOut');
    navigate('/sign-in');
  }

  async changeLanguage(event) {
    await chooseLanguage(event.target.value);
  }

  render() {
    const account = session.user();
    return html`
      <a class="skip" href="#main">${t('app.skipToContent')}</a>
      <header class="top">
        <a class="brand" href="/">Ripieno</a>
        ${this.orchestra ? html`<span class="orchestra-name">${this.orchestra.name}</span>` : ''}
        ${this.renderNavigation(account)}
        <div class="tools">
          <label class="language">
            <span class="visually-hidden">${t('app.language')}</span>
            <select id="language" @change=${this.changeLanguage}>
              ${LANGUAGES.map(
                (code) => html`<option value=${code} ?selected=${code === currentLanguage()}>
                  ${t(`language.${code}`)}
                </option>`,
              )}
            </select>
          </label>
          ${account
            ? html`<span class="account">${account.username}</span>
                <button type="button" id="sign-out" @click=${this.signOut}>${t('app.signOut')}</button>`
            : ''}
        </div>
      </header>
      <main id="main" tabindex="-1">${this.renderPage(account)}</main>
    `;
  }

  renderNavigation(account) {
    if (!account || account.mustChangePassword) return '';
    const links = [];
    if (account.role === 'superadmin') {
      for (const page of Object.keys(PLATFORM_PAGES)) links.push([`/platform/${page}`, t(`nav.platform.${page}`)]);
    }
    const subdomain = this.orchestra?.subdomain ?? account.orchestra?.subdomain;
    if (subdomain) {
      for (const page of ORCHESTRA_PAGES) links.push([`/o/${subdomain}/${page}`, t(`nav.${page}`)]);
      links.push([`/o/${subdomain}/${SETTINGS_PAGES[0]}`, t('nav.settings'), `/o/${subdomain}/`, SETTINGS_PAGES]);
    }
    // A page within a list (an orchestra, a project) counts as the list's.
    const current = (href, prefix, pages) =>
      this.path === href || (this.path ?? '').startsWith(`${href}/`) || (prefix && pages.some((page) => this.path === prefix + page));
    return html`<nav class="main-nav" aria-label=${t('nav.label')}>
      ${links.map(
        ([href, label, prefix, pages]) =>
          html`<a href=${href} aria-current=${current(href, prefix, pages) ? 'page' : 'false'}>${label}</a>`,
      )}
    </nav>`;
  }

  renderPage(account) {
    const path = this.path;
    if (path === '/sign-in') {
      return html`<sign-in-page .notice=${this.notice}></sign-in-page>`;
    }
    if (path === '/password') return html`<password-page></password-page>`;
    const platform = match('/platform/:page', path);
    if (platform && Object.hasOwn(PLATFORM_PAGES, platform.page) && account?.role === 'superadmin') {
      return PLATFORM_PAGES[platform.page]();
    }
    const orchestra = match('/platform/orchestras/:id', path);
    if (orchestra && account?.role === 'superadmin') {
      return html`<orchestra-page .orchestraId=${orchestra.id}></orchestra-page>`;
    }
    const project = match('/o/:subdomain/projects/:projectId', path);
    if (project) {
      return html`<project-page .subdomain=${project.subdomain} .projectId=${project.projectId}></project-page>`;
    }
    const page = match('/o/:subdomain/:page', path);
    if (page && page.page === 'musicians') {
      return html`<musicians-page .subdomain=${page.subdomain}></musicians-page>`;
    }
    if (page && page.page === 'rankings') {
      return html`<rankings-page .subdomain=${page.subdomain}></rankings-page>`;
    }
    if (page && page.page === 'projects') {
      return html`<projects-page .subdomain=${page.subdomain}></projects-page>`;
    }
    if (page && page.page === 'dashboard') {
      return html`<dashboard-page .subdomain=${page.subdomain}></dashboard-page>`;
    }
    if (page && page.page === 'messages') {
      return html`<messages-page .subdomain=${page.subdomain}></messages-page>`;
    }
    if (page && settingsPages().includes(page.page)) {
      return html`<settings-nav .subdomain=${page.subdomain} .current=${page.page}></settings-nav>
        ${SETTINGS_AREA[page.page](page.subdomain)}`;
    }
    return html`<section class="page">
      <h1>${t('notFound.title')}</h1>
      <p>${t('notFound.text')} <a href=${session.homePath()}>${t('notFound.home')}</a></p>
    </section>`;
  }
}
customElements.define('ripieno-app', RipienoApp);

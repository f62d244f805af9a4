import { LitElement } from 'lit';

/**
 * The base of Ripieno's components: rendered into the page itself (not a shadow root), so the one
 * stylesheet, app.css, styles every screen and no inline style is ever needed; and rendered again
 * when the language or time zone changes.
 */
export class RipienoElement extends LitElement {
  createRenderRoot() {
    return this;
  }

  connectedCallback() {
    super.connectedCallback();
    this.rerender = () => this.requestUpdate();
    window.addEventListener('language-changed', this.rerender);
  }

  disconnectedCallback() {
    window.removeEventListener('language-changed', this.rerender);
    super.disconnectedCallback();
  }
}

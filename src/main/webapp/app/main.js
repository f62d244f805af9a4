import { startLanguage } from './i18n.js';
import './components/ripieno-app.js';

// The catalogue first, so that the first render is already in the chosen language.
await startLanguage();
document.querySelector('ripieno-app').start();

import { createRoot } from 'react-dom/client';
import { App } from './app/App.js';
import { ensureWorkstationApi } from './host/http-client.js';
import { createI18n, savedLanguage } from './i18n/i18n.js';
import './app/app.css';
import './app/panels.css';

const api = ensureWorkstationApi();
const i18n = createI18n(savedLanguage(window.localStorage));
const root = document.getElementById('root');
if (root) createRoot(root).render(<App api={api} i18n={i18n} />);

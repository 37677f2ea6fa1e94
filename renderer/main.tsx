import '@fontsource/be-vietnam-pro/400.css';
import '@fontsource/be-vietnam-pro/600.css';
import '@fontsource/be-vietnam-pro/800.css';
import './shared/base.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { openTerminalLink } from './bridge/get-bridge';
import { TerminalProvider } from './bridge/use-terminal-context';
import { isLanguage, StringsProvider } from './i18n/strings';

const requested = new URLSearchParams(window.location.search).get('lang');
const language = isLanguage(requested) ? requested : 'vi';
document.documentElement.lang = language;

const link = openTerminalLink(window);
const root = document.getElementById('root');
if (root === null) throw new Error('renderer/index.html has no #root');

createRoot(root).render(
  <StrictMode>
    <StringsProvider language={language}>
      <TerminalProvider link={link}>
        <App />
      </TerminalProvider>
    </StringsProvider>
  </StrictMode>,
);

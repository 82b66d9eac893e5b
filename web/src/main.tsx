import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { RouterProvider } from 'react-router';
import { createRouter } from './app/router';
import { refreshSession } from './lib/api-client';
import { I18nProvider, startLocale, storedLocale } from './lib/i18n';
import { session } from './lib/session';
import './styles.css';

// The stored theme is set before the first paint by public/boot.js.
session.renew = refreshSession;
session.connect();
// A reload keeps the member signed in: renew the access token from the refresh cookie before the
// first requests go out (only when this browser signed in before; visitors skip the round trip).
if (session.hinted) session.ready = refreshSession().then(() => undefined);

const locale = storedLocale();
const catalogue = startLocale(locale);
const router = createRouter();

async function start() {
  await catalogue;
  const root = document.getElementById('root');
  if (!root) return;
  createRoot(root).render(
    <StrictMode>
      <I18nProvider initial={locale}>
        <RouterProvider router={router} />
      </I18nProvider>
    </StrictMode>,
  );
}
// Let the browser paint the static frame from index.html first, then start the app.
requestAnimationFrame(() => setTimeout(() => void start(), 0));

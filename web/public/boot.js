// A classic script in <head>, run before the first paint: the frame index.html shows until the app
// starts comes in the reader's stored language and theme (no flash of Korean, or of light).
try {
  if (localStorage.getItem('cb_locale') === 'en') {
    document.documentElement.lang = 'en';
    document.title = 'Carebridge · Hospitals, as the people who work there see them';
  }
  const theme = localStorage.getItem('cb_theme');
  if (theme === 'dark' || theme === 'light') document.documentElement.dataset.theme = theme;
} catch (_) {
  // Storage is off: Korean, and the system's theme.
}

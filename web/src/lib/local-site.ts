/** The app is served from this machine (`npm start`, the dev server), where mail is only logged. */
export function runsLocally(hostname: string = globalThis.location?.hostname ?? ''): boolean {
  return ['localhost', '127.0.0.1', '[::1]', '::1'].includes(hostname) || hostname.endsWith('.localhost');
}

/**
 * Where the game server is. In production the server serves this page, so it
 * is the page's own origin; under `vite` (npm run dev) the page comes from
 * Vite and the server listens on its own port (VITE_SERVER overrides it).
 */
export function serverEndpoint(): string {
  if (!import.meta.env.DEV) return window.location.origin;
  const configured = import.meta.env.VITE_SERVER as string | undefined;
  return configured ?? `${window.location.protocol}//${window.location.hostname}:2567`;
}

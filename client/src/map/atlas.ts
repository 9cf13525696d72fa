/**
 * The atlas as a static asset: Vite copies the JSON and gives its URL, so the
 * 100 kB of outlines load in parallel with (and stay out of) the JS bundle.
 */
import atlasUrl from 'world-atlas/countries-110m.json?url';

export const ATLAS_URL: string = atlasUrl;

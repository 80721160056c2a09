/**
 * The organiser console's entry: `dist/leerkring-console.js`, loaded only by `/beheer/`. Public
 * pages never load it. English is bundled here (the console switches language in place).
 */
import '../core/i18n/en.js';
export { LeerkringConsole } from './console-app.js';

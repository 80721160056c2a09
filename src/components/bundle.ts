/**
 * The entry of dist/leerkring.js, the file CMS pages load: defines every element and upgrades
 * `data-leerkring` placeholders. Importing `leerkring/components` from npm defines the elements
 * without watching the page.
 */
export * from './index.js';
import { watchFallbacks } from './upgrade.js';

watchFallbacks();

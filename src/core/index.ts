/**
 * leerkring core: the network document, the rules engine, calendar export and translations.
 * No DOM and no Node APIs: it runs in the browser and in Node alike.
 */
export * from './schema.js';
export * from './parse-network.js';
export * from './problems.js';
export * from './time.js';
export * from './session-time.js';
export * from './policy.js';
export * from './availability.js';
export * from './reasons.js';
export * from './decide-registration.js';
export * from './waitlist.js';
export * from './calendar-event.js';
export * from './calendar-links.js';
export * from './calendar.js';
export * from './i18n/format.js';
export * from './i18n/messages.js';
export * from './json-schema.js';
export * from './client.js';
export * from './mailto.js';

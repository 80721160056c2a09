/**
 * Everything in core that a browser page needs up front. Left out, to keep the embeddable
 * bundle small: the network-document validator (zod; loaded when a page gives a document
 * itself, see parse-network.ts), the English messages (loaded on request), the .ics generator
 * (loaded when someone downloads a calendar file) and the JSON Schema generator (a build tool).
 * Types of the document come from schema.ts as types only.
 */
export type * from './schema.js';
export * from './constants.js';
export * from './problems.js';
export * from './time.js';
export * from './wall-time.js';
export * from './session-time.js';
export * from './session-when.js';
export * from './policy.js';
export * from './registration-window.js';
export * from './session-index.js';
export * from './availability.js';
export * from './reasons.js';
export * from './reason-text.js';
export * from './decide-registration.js';
export * from './waitlist.js';
export * from './session-places.js';
export * from './manage.js';
export * from './calendar-event.js';
export * from './programme-days.js';
export * from './calendar-links.js';
export * from './mailto.js';
export * from './safe-url.js';
export * from './public-network.js';
export * from './client.js';
export * from './registration-input.js';
export * from './text.js';
export * from './i18n/format.js';
export * from './i18n/within-days.js';
export * from './i18n/messages.js';
export * from './i18n/form.js';
export * from './i18n/manage.js';
export * from './price.js';
export * from './cancellation.js';
export * from './organisation-name.js';
export * from './rich-text.js';
export * from './network-summary.js';

/**
 * leerkring core: the network document, the rules engine, calendar export and translations.
 * No DOM and no Node APIs: it runs in the browser and in Node alike.
 */
export * from './lean.js';
export * from './schema.js';
export * from './parse-network.js';
export * from './calendar.js';
export * from './json-schema.js';
export * from './registration-shape.js';
export { en } from './i18n/en.js';
export { formEn } from './i18n/form-en.js';
export { fy } from './i18n/fy.js';
export { formFy } from './i18n/form-fy.js';
export { manageEn } from './i18n/manage-en.js';
export { manageFy } from './i18n/manage-fy.js';
export { emailMessages, type EmailMessages } from './i18n/email.js';
export { problemMessages, type ProblemMessages } from './i18n/problem.js';
export { aboutMessages, type AboutMessages } from './i18n/about.js';
export { calendarMessages, type CalendarMessages } from './i18n/calendar.js';
export { mailtoMessages, type MailtoMessages } from './i18n/mailto.js';
export * from './admin-api.js';
export * from './admin-client.js';
export { adminMessages, type AdminMessages } from './i18n/admin.js';
export * from './export.js';
export * from './search.js';
export * from './network-changes.js';
export * from './revision-diff.js';
export * from './session-names.js';
export * from './certificate.js';
export * from './queue-counts.js';
export { certificateMessages, type CertificateMessages } from './i18n/certificate.js';
export * from './feedback.js';
export { feedbackMessages, type FeedbackMessages } from './i18n/feedback.js';
export * from './venue-privacy.js';
export * from './closed-group.js';
export * from './reserved-places.js';
export * from './reserved-fit.js';
export * from './invitation-codes.js';

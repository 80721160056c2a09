/** The manage page's words for the certificate of attendance (issue 24): two lines, so the page loads no more. */
import type { Locale } from './format.js';

export const certificatePageMessages = (locale: Locale) =>
  locale === 'en'
    ? { heading: 'Certificate of attendance', link: 'Download your certificate of attendance (PDF)' }
    : { heading: 'Deelnamebewijs', link: 'Download je deelnamebewijs (PDF)' };

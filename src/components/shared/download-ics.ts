import type { Locale, Network } from '../../core/lean.js';

/**
 * Offers a session's .ics file for download. The calendar generator is loaded only now,
 * so pages that never export a calendar do not pay for it.
 */
export async function downloadIcs(network: Network, sessionId: string, locale: Locale): Promise<void> {
  const { networkCalendar } = await import('../../core/calendar.js');
  const text = networkCalendar(network, { sessionIds: [sessionId], locale });
  const url = URL.createObjectURL(new Blob([text], { type: 'text/calendar;charset=utf-8' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = `${sessionId}.ics`;
  a.hidden = true;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10000);
}

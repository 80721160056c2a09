/** "Add to calendar" links for web calendars. Small on purpose: no calendar library needed. */
import type { CalendarEvent } from './calendar-event.js';

const HOUR = 3600000;

function stamp(d: Date): string {
  return d.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
}

/** Query string without URLSearchParams, which is not part of the language (core stays DOM-free). */
function query(params: Record<string, string | undefined>): string {
  return Object.entries(params)
    .filter((e): e is [string, string] => e[1] !== undefined)
    .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`)
    .join('&');
}

function nextDay(date: string): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + 1)).toISOString().slice(0, 10);
}

/** Web calendars need an end; without one the event is shown as one hour. */
function endOf(event: CalendarEvent): Date {
  return event.end ?? new Date(event.start.getTime() + HOUR);
}

/** Link that opens Google Calendar with the event filled in. */
export function googleCalendarUrl(event: CalendarEvent): string {
  const dates = event.allDay
    ? `${event.date!.replace(/-/g, '')}/${nextDay(event.date!).replace(/-/g, '')}`
    : `${stamp(event.start)}/${stamp(endOf(event))}`;
  const q = query({ action: 'TEMPLATE', text: event.title, dates, details: event.description, location: event.location });
  return `https://calendar.google.com/calendar/render?${q}`;
}

/** Link that opens Outlook on the web with the event filled in. */
export function outlookCalendarUrl(event: CalendarEvent): string {
  const q = query({
    path: '/calendar/action/compose',
    rru: 'addevent',
    subject: event.title,
    body: event.description,
    startdt: event.allDay ? event.date! : event.start.toISOString(),
    enddt: event.allDay ? nextDay(event.date!) : endOf(event).toISOString(),
    allday: String(event.allDay),
    location: event.location,
  });
  return `https://outlook.office.com/calendar/0/deeplink/compose?${q}`;
}

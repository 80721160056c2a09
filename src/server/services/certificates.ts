/**
 * Certificates of attendance (issue 24): per person, from the attendance organisers recorded,
 * worded by core (`certificateText`), laid out as PDF by ../certificates/pdf.ts. For the
 * organiser (one person, or everyone at once as one PDF with a page each), by e-mail on the
 * organiser's request (through the outbox, to the person's address), and for the participant
 * on their manage page. A person is everyone registered with one address in the network.
 */
import { certificateHolders, certificateMessages, certificateSessionIds, certificateText, type CertificateText, type Locale, type Network } from '../../core/index.js';
import { certificatesPdf, certificateWriter } from '../certificates/pdf.js';
import { composeCertificateMail } from '../mail/compose-certificate.js';
import type { RegistrationRow } from '../storage/registrations.js';
import { certificateHolderPage, registrationsOfPerson } from '../storage/certificate-holders.js';
import type { RegistrationContext } from './context.js';

export type CertificateResult = { ok: true; pdf: Uint8Array; fileName: string } | { ok: false; code: 'not-found' | 'no-attendance' };

export class Certificates {
  readonly #ctx: RegistrationContext;

  constructor(context: RegistrationContext) {
    this.#ctx = context;
  }

  /** The holder (all registrations of the person) of a registration, with the network. */
  async #holder(id: string) {
    const row = await this.#ctx.repo.byId(id);
    const network = row && !row.erased_at ? this.#ctx.network(row.network_id) : undefined;
    if (!row || !network) return undefined;
    // Only this person's registrations (one address), not the network's: a download at 50,000 reads a few rows.
    const holders = certificateHolders(network, await registrationsOfPerson(this.#ctx.repo.queryable, network.id, row.email_lower));
    const holder = holders.find((h) => h.registrations.some((r) => r.id === id));
    return { row, network, holder };
  }

  /** The words of a person's certificate; what the font cannot write becomes core's note. */
  async #text(network: Network, rows: readonly RegistrationRow[], locale: Locale): Promise<CertificateText | undefined> {
    const first = rows[0]!;
    return certificateText(network, first.participant, rows.map((r) => r.attendance), locale, this.#ctx.now(network.id), await certificateWriter());
  }

  /** The certificate of the person of registration `id`, in `locale` (by default the language they registered in). */
  async forRegistration(id: string, locale?: Locale): Promise<CertificateResult> {
    const h = await this.#holder(id);
    if (!h) return { ok: false, code: 'not-found' };
    const lang = locale ?? h.row.locale;
    const text = h.holder && (await this.#text(h.network, h.holder.registrations, lang));
    if (!text) return { ok: false, code: 'no-attendance' };
    return { ok: true, fileName: text.fileName, pdf: await certificatesPdf([text], { locale: lang, title: `${text.heading} ${h.network.title}`, now: this.#ctx.now(h.network.id) }) };
  }

  /** A page of the people who get a certificate, in arrival order: their registrations, where the next page starts, how many in all (issue 27). */
  holders(network: Network, after: string | undefined, limit: number): Promise<{ rows: RegistrationRow[]; next: string | null; total: number }> {
    return certificateHolderPage(this.#ctx.repo.queryable, network.id, certificateSessionIds(network), after, limit);
  }

  /** Everyone's certificate in one PDF, a page (or more) each, in arrival order; undefined when nobody attended yet. */
  async forNetwork(network: Network, locale: Locale): Promise<{ pdf: Uint8Array; fileName: string; people: number } | undefined> {
    const holders = certificateHolders(network, (await this.#ctx.repo.list(network.id)).filter((r) => !r.erased_at));
    const texts = (await Promise.all(holders.map((h) => this.#text(network, h.registrations, locale)))).filter((t): t is CertificateText => t !== undefined);
    if (!texts.length) return undefined;
    const m = certificateMessages(locale);
    const pdf = await certificatesPdf(texts, { locale, title: `${m.heading} ${network.title}`, now: this.#ctx.now(network.id) });
    return { pdf, fileName: m.allFileName(network.id), people: texts.length };
  }

  /** Sends the person of registration `id` their certificate by e-mail, in the language they registered in. */
  async send(id: string): Promise<{ ok: true } | { ok: false; code: 'not-found' | 'no-attendance' }> {
    const h = await this.#holder(id);
    if (!h) return { ok: false, code: 'not-found' };
    const text = h.holder && (await this.#text(h.network, h.holder.registrations, h.row.locale));
    if (!text) return { ok: false, code: 'no-attendance' };
    const pdf = await certificatesPdf([text], { locale: h.row.locale, title: `${text.heading} ${h.network.title}`, now: this.#ctx.now(h.network.id) });
    const manageUrl = this.#ctx.manageUrl(h.row.id);
    const message = composeCertificateMail(h.network, { participant: h.row.participant, locale: h.row.locale, pdf, fileName: text.fileName, ...(manageUrl && { manageUrl }) });
    await this.#ctx.transaction((repo) => repo.enqueue(h.row.id, 'certificate', message));
    return { ok: true };
  }
}

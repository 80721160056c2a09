import { LitElement, nothing, css, type TemplateResult } from 'lit';
import { heading, html } from '../shared/heading.js';
import { aboutMessages } from '../../core/i18n/about.js';
import {
  priceLines,
  documentLanguage,
  mailtoUrl,
  messages,
  parseRichText,
  safeUrl,
  type Block,
  type Inline,
  type Locale,
  type Network,
  type Organisation,
  type Person,
  type Resource,
} from '../../core/lean.js';
import { NetworkSource } from '../shared/network-source.js';
import { renderState, readyLocale } from '../shared/state-view.js';
import { baseStyles } from '../shared/styles.js';
import { JsonLdController } from '../shared/json-ld.js';

/** The parts a site can choose, in the order they are shown. */
export const ABOUT_PARTS = ['title', 'description', 'audience', 'organisers', 'practical', 'contact', 'resources'] as const;
export type AboutPart = (typeof ABOUT_PARTS)[number];

function inline(content: Inline[]): (TemplateResult | string)[] {
  return content.map((i) =>
    i.type === 'text' ? i.text : i.type === 'link' ? html`<a href=${i.href}>${i.text}</a>` : i.strong ? html`<strong>${i.text}</strong>` : html`<em>${i.text}</em>`,
  );
}

/** A description's safe markup as elements: never as HTML, so a `<script>` in it is text. */
export function renderRichText(source: string): TemplateResult[] {
  return parseRichText(source).map((b: Block) =>
    b.type === 'paragraph' ? html`<p>${inline(b.content)}</p>` : html`<ul>${b.items.map((item) => html`<li>${inline(item)}</li>`)}</ul>`,
  );
}

function organisation(o: Organisation) {
  const href = safeUrl(o.url, { relative: false });
  const name = html`<bdi>${o.name}</bdi>`;
  return html`<li>${href ? html`<a href=${href}>${name}</a>` : name}${o.role ? html` (${o.role})` : nothing}</li>`;
}

function person(p: Person) {
  const extra = [p.role, p.organisation].filter(Boolean).join(', ');
  return html`<li><bdi>${p.name}</bdi>${extra ? html`, ${extra}` : nothing}</li>`;
}

function resource(r: Resource, locale: Locale, lang: string | typeof nothing) {
  const href = safeUrl(r.url);
  const type = messages(locale).agenda.resourceType[r.type];
  return html`<li>${type}: <span lang=${lang}>${href ? html`<a href=${href}>${r.title}</a>` : r.title}${r.description ? ` — ${r.description}` : nothing}</span></li>`;
}

/**
 * schema.org Organization for the network, only with what the agenda's EventSeries does not say
 * already: its members, funders, sponsors and a contact point.
 */
export function aboutJsonLd(network: Network, pageUrl: string): object | undefined {
  const org = (list: Organisation[] | undefined) =>
    list?.map((o) => ({ '@type': 'Organization', name: o.name, ...(safeUrl(o.url, { relative: false }) && { url: o.url }) }));
  const members = org(network.membership?.organisations);
  const funders = org(network.funders);
  const sponsors = org(network.sponsors);
  const c = network.contact;
  const contactPoint = c?.email || c?.phone ? { '@type': 'ContactPoint', ...(c.email && { email: c.email }), ...(c.phone && { telephone: c.phone }), ...(c.name && { name: c.name }) } : undefined;
  if (!members?.length && !funders?.length && !sponsors?.length && !contactPoint) return undefined;
  return {
    '@context': 'https://schema.org',
    '@type': 'Organization',
    name: network.title,
    description: network.summary,
    url: safeUrl(network.url, { relative: false }) ?? pageUrl,
    ...(members?.length && { member: members }),
    ...(funders?.length && { funder: funders }),
    ...(sponsors?.length && { sponsor: sponsors }),
    ...(contactPoint && { contactPoint }),
    parentOrganization: network.organisers.map((o) => ({ '@type': 'Organization', name: o.name })),
  };
}

/**
 * @summary What a learning network is: its description (safe markup only), who it is for, who
 * organises, funds and supports it, its members, practical details, contact and publications.
 *
 * @csspart title - The network's title.
 * @csspart description - The summary and the description.
 * @csspart section - Each part below the description (audience, organisers, practical, contact, resources).
 * @csspart error - The load error or the problems in an invalid document.
 * @csspart status - The loading message.
 * @cssprop --leerkring-muted-color - The subtitle.
 */
export class LeerkringAbout extends LitElement {
  static override styles = [
    baseStyles,
    css`
      .subtitle {
        color: var(--_leerkring-muted);
      }
      dl {
        display: grid;
        /* minmax(0, 1fr): a long e-mail address breaks instead of widening the page at 200% text. */
        grid-template-columns: max-content minmax(0, 1fr);
        gap: 0.25em 1em;
        margin: 0 0 0.5em;
      }
      dd {
        margin: 0;
      }
      /* On a phone (320 px, or text at 200%) the label goes above its value: beside it, the value has no room. */
      @media (max-width: 30em) {
        dl {
          display: block;
        }
      }
    `,
  ];

  static override properties = {
    src: {},
    api: {},
    networkId: { attribute: 'network-id' },
    show: {},
    headingLevel: { type: Number, attribute: 'heading-level' },
    structuredData: { attribute: 'structured-data' },
  };

  /** URL (http(s) or relative) of the network document; without it the element uses an inline document or its `<leerkring-network>`. */
  declare src: string | undefined;
  /** Base URL (http(s) or relative) of the registration API. */
  declare api: string | undefined;
  /** Network id to load from the API when there is no document. */
  declare networkId: string | undefined;
  /** The parts to show, separated by spaces: title, description, audience, organisers, practical, contact, resources. All by default. */
  declare show: string | undefined;
  /** The level of the title heading (2 by default); the parts go one deeper, or at this level without the title. */
  declare headingLevel: number;
  /** Set to "off" to leave out the schema.org Organization JSON-LD in the light DOM. */
  declare structuredData: 'on' | 'off';

  constructor() {
    super();
    this.headingLevel = 2;
    this.structuredData = 'on';
  }

  readonly #source = new NetworkSource(this);
  readonly #jsonLd = new JsonLdController(this);

  /** The parts shown, in display order; unknown words are ignored. */
  get parts(): AboutPart[] {
    const asked = (this.show ?? '').split(/\s+/).filter(Boolean);
    return asked.length ? ABOUT_PARTS.filter((p) => asked.includes(p)) : [...ABOUT_PARTS];
  }

  protected override updated(): void {
    const state = this.#source.state;
    this.#jsonLd.set(this.structuredData !== 'off' && state.status === 'ready' && state.network ? aboutJsonLd(state.network, location.href.split('#')[0]!) : undefined);
  }

  protected override render() {
    const state = this.#source.state;
    const locale = readyLocale(this);
    if (!locale) return nothing;
    if (state.status !== 'ready' || !state.network) return this.#source.fromContext ? nothing : renderState(state, locale, this);
    const network = state.network;
    const parts = this.parts;
    const top = this.headingLevel;
    const level = parts.includes('title') ? top + 1 : top;
    // The network's own words keep the document's language inside a page in another (WCAG 3.1.2).
    const doc = documentLanguage(network);
    const lang = doc === locale ? nothing : doc;
    return html`${parts.map((p) => this.#part(p, network, locale, top, level, lang))}`;
  }

  #section(title: string, level: number, body: unknown) {
    return html`<section part="section"><${heading(level)}>${title}</${heading(level)}>${body}</section>`;
  }

  #part(part: AboutPart, network: Network, locale: Locale, top: number, level: number, lang: string | typeof nothing) {
    const a = aboutMessages(locale).about;
    switch (part) {
      case 'title':
        return html`<${heading(top)} part="title" lang=${lang}>${network.title}</${heading(top)}>${network.subtitle ? html`<p class="subtitle" lang=${lang}>${network.subtitle}</p>` : nothing}`;
      case 'description':
        return html`<div part="description" lang=${lang}>${renderRichText(network.summary)}${network.description ? renderRichText(network.description) : nothing}</div>`;
      case 'audience': {
        const au = network.audience;
        const types = au?.organisationTypes?.map((t) => messages(locale).organisationType[t]) ?? [];
        if (!au || (!au.description && !types.length && !au.tags?.length)) return nothing;
        return this.#section(
          a.audience,
          level,
          html`${au.description ? html`<div lang=${lang}>${renderRichText(au.description)}</div>` : nothing}${types.length || au.tags?.length ? html`<ul>${types.map((t) => html`<li>${t}</li>`)}${(au.tags ?? []).map((t) => html`<li lang=${lang}>${t}</li>`)}</ul>` : nothing}`,
        );
      }
      case 'organisers': {
        const groups: [string, Organisation[] | undefined][] = [
          [a.organisers, network.organisers],
          [a.partners, network.partners],
          [a.funders, network.funders],
          [a.sponsors, network.sponsors],
          [a.members, network.membership?.organisations],
        ];
        const people = network.facilitators ?? [];
        return html`${groups
          .filter(([, list]) => list?.length)
          .map(([title, list]) => this.#section(title, level, html`<ul lang=${lang}>${list!.map(organisation)}</ul>`))}
        ${network.membership?.explanation ? html`<p lang=${lang}>${network.membership.explanation}</p>` : nothing}
        ${people.length ? this.#section(a.facilitators, level, html`<ul lang=${lang}>${people.map(person)}</ul>`) : nothing}`;
      }
      case 'practical': {
        const rows: [string, unknown][] = [];
        const price = network.price;
        if (price) {
          const amount = price.type === 'amount' ? new Intl.NumberFormat(locale === 'en' ? 'en-GB' : 'nl-NL', { minimumFractionDigits: price.amount % 1 ? 2 : 0 }).format(price.amount) : '';
          // A price per organisation type is said as the form says it (core's priceLines).
          const text = price.type === 'free' ? a.free : price.type === 'amount' ? a.amount(amount) : price.type === 'per-organisation-type' ? priceLines(network, locale, { ...a, free: a.free.toLowerCase() }).join('; ') : a.onRequest;
          rows.push([a.price, html`${text}${'note' in price && price.note ? html` · <span lang=${lang}>${price.note}</span>` : nothing}`]);
        }
        if (network.groupSize) rows.push([a.groupSizeLabel, a.groupSize(network.groupSize.min, network.groupSize.max)]);
        if (network.durationDays) rows.push([a.durationLabel, a.duration(network.durationDays)]);
        if (!rows.length) return nothing;
        return this.#section(a.practical, level, html`<dl>${rows.map(([k, v]) => html`<dt>${k}</dt><dd>${v}</dd>`)}</dl>`);
      }
      case 'contact': {
        const c = network.contact;
        if (!c) return nothing;
        const mail = mailtoUrl(c.email);
        const tel = c.phone ? `tel:${c.phone.replace(/[^+0-9]/g, '')}` : undefined;
        return this.#section(
          a.contact,
          level,
          html`${c.name ? html`<p lang=${lang}><bdi>${c.name}</bdi>${c.role ? html`, ${c.role}` : nothing}</p>` : nothing}
            <dl>
              ${c.email ? html`<dt>${a.email}</dt><dd>${mail ? html`<a href=${mail}>${c.email}</a>` : c.email}</dd>` : nothing}
              ${c.phone ? html`<dt>${a.phone}</dt><dd><a href=${tel}>${c.phone}</a></dd>` : nothing}
            </dl>`,
        );
      }
      case 'resources': {
        const list = (network.resources ?? []).filter((r) => !r.participantsOnly);
        if (!list.length) return nothing;
        return this.#section(a.resources, level, html`<ul>${list.map((r) => resource(r, locale, lang))}</ul>`);
      }
    }
  }
}

customElements.get('leerkring-about') ?? customElements.define('leerkring-about', LeerkringAbout);

declare global {
  interface HTMLElementTagNameMap {
    'leerkring-about': LeerkringAbout;
  }
}

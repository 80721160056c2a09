import { loadMessages, NetworkClient, type Locale, type Network } from '../../core/lean.js';

/**
 * A document the page gives itself is checked by the lean check generated from the schema (a
 * small chunk of its own); only a document it does not pass loads the full validator (zod, the
 * schema and the problem sentences), which has the last word and says what is wrong, and where.
 */
const leanCheck = () => import('../../core/network-check.generated.js');
const validator = () => import('../../core/parse-network.js');
import type { NetworkState } from '../context.js';
import { prepareMailto } from './safe-links.js';

export interface LoadOptions {
  /** URL of a network document. */
  src?: string;
  /** JSON text of an inline document. */
  inline?: string;
  /** Registration API base URL. */
  api?: string;
  /** Network id to load from the API when there is no document. */
  networkId?: string;
  now: Date;
  signal: AbortSignal;
  /** The element's locale: its messages are loaded before any problem is described. */
  locale: Locale;
}

/** Loads, validates and (with an API) enriches a network with live availability. */
export async function loadNetwork(options: LoadOptions): Promise<Omit<NetworkState, 'refresh'>> {
  const state = await load(options);
  // A network that registers by e-mail shows a prepared e-mail link: its code comes first.
  if (state.network?.registration.mode === 'email') await prepareMailto();
  return state;
}

async function load(options: LoadOptions): Promise<Omit<NetworkState, 'refresh'>> {
  const { src, inline, api, networkId, now, signal, locale } = options;
  await loadMessages(locale);
  // An empty api means the page's own origin.
  const client = api !== undefined ? new NetworkClient(api) : undefined;
  let network: Network | undefined;
  if (src !== undefined || inline !== undefined) {
    let text = inline;
    if (src !== undefined) {
      const res = await fetch(src, { signal, headers: { accept: 'application/json' } });
      if (!res.ok) throw new Error(`${src}: HTTP ${res.status}`);
      text = await res.text();
    }
    network = await checkedDocument(text ?? '');
    if (!network) {
      const { parseNetwork } = await validator();
      const parsed = parseNetwork(text ?? '');
      if (!parsed.ok) return { status: 'invalid', problems: parsed.problems, live: false, ...(api !== undefined && { api }) };
      network = parsed.value;
    }
  }
  if (client && (network || networkId)) {
    const r = await client.getNetwork(network?.id ?? networkId!, signal);
    if (r.ok) {
      // The server validated its documents with the same schema at start-up (a bad one stops
      // it), so its copy is used as it is: the one registrations are checked against.
      return { status: 'ready', network: r.value.network, availability: r.value.availability, live: true, api: api! };
    }
    if (!network) throw new Error(r.error.message);
  }
  if (!network) throw new Error('no network: set src, an inline <script type="application/json">, or api with network-id');
  // Without the API the page works out availability itself (an API page gets it from the
  // server, so the rules it takes are not downloaded up front there).
  const { availabilityMap } = await import('../../core/availability.js');
  return { status: 'ready', network, availability: availabilityMap(network, {}, now), live: false, ...(api !== undefined && { api }) };
}

/** The document, if the lean check finds it certainly valid; otherwise undefined (then the full validator decides). */
async function checkedDocument(text: string): Promise<Network | undefined> {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return undefined;
  }
  const { isCertainlyValid } = await leanCheck();
  return isCertainlyValid(data) ? data : undefined;
}

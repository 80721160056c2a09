import { availabilityMap, loadMessages, RegistrationClient, type Locale, type Network } from '../../core/lean.js';

/** The document validator (zod and the schema) is a chunk of its own, loaded only for documents the page gives itself. */
const validator = () => import('../../core/parse-network.js');
import type { NetworkState } from '../context.js';

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
  const { src, inline, api, networkId, now, signal, locale } = options;
  await loadMessages(locale);
  // An empty api means the page's own origin.
  const client = api !== undefined ? new RegistrationClient(api) : undefined;
  let network: Network | undefined;
  if (src !== undefined || inline !== undefined) {
    let text = inline;
    if (src !== undefined) {
      const res = await fetch(src, { signal, headers: { accept: 'application/json' } });
      if (!res.ok) throw new Error(`${src}: HTTP ${res.status}`);
      text = await res.text();
    }
    const { parseNetwork } = await validator();
    const parsed = parseNetwork(text ?? '');
    if (!parsed.ok) return { status: 'invalid', problems: parsed.problems, live: false, ...(api !== undefined && { api }) };
    network = parsed.value;
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
  return { status: 'ready', network, availability: availabilityMap(network, {}, now), live: false, ...(api !== undefined && { api }) };
}

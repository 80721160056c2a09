import { createContext } from '@lit/context';
import type { AvailabilitySnapshot, Network, Problem } from '../core/lean.js';

/** What `<leerkring-network>` provides to the elements inside it. */
export interface NetworkState {
  status: 'loading' | 'ready' | 'error' | 'invalid';
  network?: Network;
  /** Problems with the document, when it is invalid. */
  problems?: Problem[];
  /** What went wrong while loading, when status is "error". */
  error?: string;
  /** Live availability when an `api` is set; otherwise what the document alone says. */
  availability?: AvailabilitySnapshot;
  /** True when places and counts come from the registration API. */
  live: boolean;
  /** The registration API's base URL, if any. */
  api?: string;
  /** The fixed "now" of the provider, if it has one (previews, tests). */
  now?: string;
  /** Loads the document and availability again. */
  refresh: () => void;
}

export const networkContext = createContext<NetworkState>(Symbol('leerkring-network'));

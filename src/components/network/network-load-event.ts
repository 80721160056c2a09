import type { NetworkState } from '../context.js';

/** Fired by `<leerkring-network>` when its network is loaded, invalid or unreachable. */
export class LeerkringNetworkLoadEvent extends Event {
  static readonly eventName = 'leerkring-network-load';
  constructor(readonly state: NetworkState) {
    super(LeerkringNetworkLoadEvent.eventName, { bubbles: true, composed: true });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'leerkring-network-load': LeerkringNetworkLoadEvent;
  }
}

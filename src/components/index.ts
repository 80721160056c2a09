/**
 * Defines every leerkring element. Importing this module registers the tags.
 */
export { LeerkringNetwork } from './network/network.js';
export { LeerkringNetworkLoadEvent } from './network/network-load-event.js';
export { LeerkringAgenda } from './agenda/agenda.js';
export { LeerkringSessionSelectEvent } from './agenda/session-select-event.js';
export { networkContext, type NetworkState } from './context.js';
export { LeerkringSignup, type SignupOutcome } from './signup/signup.js';
export { LeerkringRegisterEvent, LeerkringRegisteredEvent } from './signup/register-event.js';
export { LeerkringManage } from './manage/manage.js';
export { upgradeFallbacks, watchFallbacks } from './upgrade.js';
export { LeerkringAbout } from './about/about.js';
export { LeerkringCatalogue } from './catalogue/catalogue.js';
export { defineElement, ELEMENT_KINDS, type ElementKind } from './elements.js';

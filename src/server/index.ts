/** leerkring/server: the reference registration server (Node only). */
import { RegistrationService } from './services/registration-service.js';

export { serve, purgeData, StartupError, type ServeOptions, type RunningServer } from './serve.js';
export { buildServer, STRICT_CSP, type ServerOptions } from './app.js';
export { openDatabase, type Db } from './storage/db.js';
export { RegistrationService, type RegistrationServiceOptions, type RegisterResult, type ChangeResult } from './services/registration-service.js';
export { RegistrationRepository, MailingRepository, type RegistrationRow, type Status } from './storage/registrations.js';
/** @deprecated Renamed RegistrationService (the use cases); kept for code written against 0.x. */
export const RegistrationStore = RegistrationService;
/** @deprecated Renamed RegistrationService. */
export type RegistrationStore = RegistrationService;
export { loadNetworks, NetworkFolderError } from './services/networks.js';
export { composeMail, type MailKind, type MailMessage } from './mail/compose.js';
export { createMailer, deliverOutbox, claimOutbox, type DeliveryOptions } from './mail/delivery.js';
export { toCsv, csvCell } from './http/csv.js';

/** leerkring/server: the reference registration server (Node only). */
import { RegistrationService } from './registrations/service.js';

export { serve, purgeData, StartupError, type ServeOptions, type RunningServer } from './serve.js';
export { buildServer, STRICT_CSP, type ServerOptions } from './app.js';
export { openDatabase, type Db } from './db.js';
export { RegistrationService, type RegistrationServiceOptions, type RegisterResult, type ChangeResult } from './registrations/service.js';
export { RegistrationRepository, type RegistrationRow, type Status } from './registrations/repository.js';
/** @deprecated Renamed RegistrationService (the use cases); kept for code written against 0.x. */
export const RegistrationStore = RegistrationService;
/** @deprecated Renamed RegistrationService. */
export type RegistrationStore = RegistrationService;
export { loadNetworks, NetworkFolderError } from './networks.js';
export { composeMail, createMailer, deliverOutbox, claimOutbox, type DeliveryOptions, type MailKind, type MailMessage } from './mail.js';
export { toCsv, csvCell } from './csv.js';

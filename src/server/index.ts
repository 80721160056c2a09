/** leerkring/server: the reference registration server (Node only). */
export { serve, purgeData, StartupError, type ServeOptions, type RunningServer } from './serve.js';
export { buildServer, STRICT_CSP, type ServerOptions } from './app.js';
export { openDatabase, type Db } from './db.js';
export { RegistrationStore } from './store.js';
export { loadNetworks, NetworkFolderError } from './networks.js';
export { composeMail, createMailer, deliverOutbox, type MailKind, type MailMessage } from './mail.js';
export { toCsv, csvCell } from './csv.js';

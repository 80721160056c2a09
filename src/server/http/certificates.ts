/**
 * Certificates of attendance over HTTP (issue 24): the organiser's PDF per person and for
 * everyone at once, the organiser's "send by e-mail", and the participant's own PDF by the token
 * of their manage link (the same token every manage call sends; nothing else in the address).
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ADMIN_ROUTES, MAX_PAGE, certificateMessages, formMessages, type Locale } from '../../core/index.js';
import { CertificatesUnavailableError } from '../certificates/pdf.js';
import { adminRoute } from './organiser-auth.js';
import { organiserView } from './organiser-registration-list.js';
import { error, localeOf, networkOf, registrationIdParam, type RouteDeps } from './reply.js';

type Deps = Pick<RouteDeps, 'store' | 'networks' | 'mailQueued' | 'limited'>;

/** The language asked for with `?lang=`; none means the language the person registered in. */
const askedLocale = (req: FastifyRequest): Locale | undefined => {
  const lang = (req.query as { lang?: unknown } | undefined)?.lang;
  return lang === 'en' || lang === 'nl' ? lang : undefined;
};

function sendPdf(reply: FastifyReply, pdf: Uint8Array, fileName: string) {
  return reply
    .type('application/pdf')
    .header('cache-control', 'no-store')
    .header('content-disposition', `attachment; filename="${fileName.replace(/[^A-Za-z0-9._-]/g, '-')}"`)
    .send(Buffer.from(pdf));
}

const noAttendance = (req: FastifyRequest, reply: FastifyReply) => error(reply, 409, 'no-attendance', certificateMessages(localeOf(req)).noAttendance);
const notFound = (req: FastifyRequest, reply: FastifyReply) => error(reply, 404, 'not-found', formMessages(localeOf(req)).signup.notFound);

/** Runs `make`; without pdf-lib or the font packages on the server, says so (503) instead of failing as an error. */
async function orUnavailable<T>(req: FastifyRequest, reply: FastifyReply, make: () => Promise<T>): Promise<T | undefined> {
  try {
    return await make();
  } catch (err) {
    if (!(err instanceof CertificatesUnavailableError)) throw err;
    void error(reply, 503, 'certificates-unavailable', localeOf(req) === 'en' ? 'Certificates need the packages pdf-lib, @pdf-lib/fontkit and dejavu-fonts-ttf on the server: npm install pdf-lib @pdf-lib/fontkit dejavu-fonts-ttf.' : 'Deelnamebewijzen hebben de pakketten pdf-lib, @pdf-lib/fontkit en dejavu-fonts-ttf op de server nodig: npm install pdf-lib @pdf-lib/fontkit dejavu-fonts-ttf.');
    return undefined;
  }
}

export function registerOrganiserCertificates(admin: FastifyInstance, { store, networks, mailQueued }: Deps): void {
  admin.get(ADMIN_ROUTES.certificate.path, adminRoute('certificate'), async (req, reply) => {
    const r = await orUnavailable(req, reply, () => store.certificates.forRegistration(registrationIdParam(req)!, askedLocale(req)));
    if (!r) return reply;
    if (!r.ok) return r.code === 'not-found' ? notFound(req, reply) : noAttendance(req, reply);
    return sendPdf(reply, r.pdf, r.fileName);
  });

  admin.get(ADMIN_ROUTES.certificateHolders.path, adminRoute('certificateHolders'), async (req, reply) => {
    const n = networkOf(networks, req, reply);
    if (!n) return reply;
    const q = req.query as { after?: string; limit?: string };
    const page = await store.certificates.holders(n, q.after, Math.min(Number(q.limit ?? MAX_PAGE), MAX_PAGE));
    reply.header('cache-control', 'no-store');
    return { registrations: page.rows.map((r) => organiserView({ ...r, position: undefined })), next: page.next, total: page.total };
  });

  admin.get(ADMIN_ROUTES.certificates.path, adminRoute('certificates'), async (req, reply) => {
    const n = networkOf(networks, req, reply);
    if (!n) return reply;
    const r = await orUnavailable(req, reply, () => store.certificates.forNetwork(n, askedLocale(req) ?? 'nl'));
    if (reply.sent) return reply;
    if (!r) return error(reply, 409, 'no-attendance', certificateMessages(localeOf(req)).nobody);
    return sendPdf(reply, r.pdf, r.fileName);
  });

  admin.post(ADMIN_ROUTES.sendCertificate.path, adminRoute('sendCertificate'), async (req, reply) => {
    const r = await orUnavailable(req, reply, () => store.certificates.send(registrationIdParam(req)!));
    if (!r) return reply;
    if (!r.ok) return r.code === 'not-found' ? notFound(req, reply) : noAttendance(req, reply);
    mailQueued();
    return { sent: true };
  });
}

export function registerParticipantCertificate(app: FastifyInstance, { store, limited }: Deps): void {
  app.get('/api/registrations/:token/certificate.pdf', limited, async (req, reply) => {
    const row = await store.byToken((req.params as { token: string }).token);
    if (!row || row.erased_at) return notFound(req, reply);
    const r = await orUnavailable(req, reply, () => store.certificates.forRegistration(row.id, askedLocale(req)));
    if (!r) return reply;
    if (!r.ok) return r.code === 'not-found' ? notFound(req, reply) : noAttendance(req, reply);
    return sendPdf(reply, r.pdf, r.fileName);
  });
}

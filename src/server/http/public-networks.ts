/**
 * The public networks and their feeds: the list of networks, one network's document with its
 * availability (strong ETag, 304), the network's calendar feed and the form token a
 * registration form asks for when it is shown.
 */
import type { FastifyInstance } from 'fastify';
import { createHash } from 'node:crypto';
import { availabilityMap, isSessionPast, networkCalendar, publicNetwork, type Network, type PlaceCounts } from '../../core/index.js';
import { networkSummary } from '../../core/network-summary.js';
import { isPublic } from '../../core/public-network.js';
import { formToken } from '../tokens.js';
import { localeOf, matchesEtag, publicNetworkOf, type RouteDeps } from './reply.js';

export function registerPublicNetworks(app: FastifyInstance, deps: RouteDeps, secret: Buffer): void {
  const { store, networks, now, clock } = deps;

  app.get('/api/networks', async () => {
    const out = [];
    for (const n of networks.values()) {
      if (!isPublic(n)) continue;
      const a = availabilityMap(n, await store.counts(n.id), now(n.id));
      // Kind, audience, themes and the next session too, so a catalogue needs no document per network.
      out.push(networkSummary(n, a.network, now(n.id)));
    }
    return { networks: out };
  });

  registerNetworkDocument(app, deps);
  registerNetworkFeed(app, deps);

  // The form asks for this when it is shown; the registration brings it back (see tokens.ts).
  app.get('/api/networks/:networkId/form-token', async (req, reply) => {
    const n = publicNetworkOf(networks, req, reply);
    if (!n) return reply;
    reply.header('cache-control', 'no-store');
    return { formToken: formToken(secret, n.id, clock()) };
  });
}

function registerNetworkDocument(app: FastifyInstance, { store, networks, now }: RouteDeps): void {
  // The public document, as JSON text, made once per Network object: a document is not changed
  // in place (a new revision is a new object), so the cache never needs to be told.
  const publicJson = new WeakMap<Network, string>();
  const publicDocument = (n: Network) => {
    let text = publicJson.get(n);
    if (text === undefined) publicJson.set(n, (text = JSON.stringify(publicNetwork(n))));
    return text;
  };

  // Availability as JSON text, per Network object, for the counts and the second it was made
  // in: a network of 1,000 sessions costs milliseconds to work out and write, and a busy page
  // asks for it many times a second with the same counts. A change of counts is seen at once;
  // a deadline passing, within the second (registrations are decided on their own clock).
  const availabilityJson = new WeakMap<Network, { counts: string; second: number; text: string }>();
  const availabilityText = (n: Network, counts: Record<string, PlaceCounts>) => {
    let key = '';
    for (const target in counts) {
      const c = counts[target]!;
      key += `${target}\u0000${c.confirmed},${c.pending},${c.waitlisted},${c.reserved ?? 0}\n`;
    }
    const at = now(n.id);
    const second = Math.floor(at.getTime() / 1000);
    const kept = availabilityJson.get(n);
    if (kept && kept.counts === key && kept.second === second) return kept.text;
    const text = JSON.stringify(availabilityMap(n, counts, at));
    availabilityJson.set(n, { counts: key, second, text });
    return text;
  };

  // The whole answer as bytes with a strong ETag, made again only when the availability text
  // changes (it is the same string while counts and second are): a busy page's reads cost no
  // concatenation, encoding or hashing, and a client that has it gets a 304.
  const documentBodies = new WeakMap<Network, { availability: string; body: Buffer; etag: string }>();
  app.get('/api/networks/:networkId', async (req, reply) => {
    const n = publicNetworkOf(networks, req, reply);
    if (!n) return reply;
    // The kept counts, never a recount: the cost does not grow with the registrations stored.
    const availability = availabilityText(n, await store.counts(n.id));
    let kept = documentBodies.get(n);
    if (kept?.availability !== availability) {
      const body = Buffer.from(`{"network":${publicDocument(n)},"availability":${availability}}`);
      kept = { availability, body, etag: `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"` };
      documentBodies.set(n, kept);
    }
    reply.header('etag', kept.etag);
    if (req.headers['if-none-match'] === kept.etag) return reply.code(304).send();
    return reply.type('application/json; charset=utf-8').send(kept.body);
  });
}

function registerNetworkFeed(app: FastifyInstance, { networks, now: clock }: RouteDeps): void {
  // The feed is the same for as long as the document is and no further session is over (a session
  // that is over promises no venue): make it once per Network object, language and sessions over,
  // then answer from memory.
  const feeds = new WeakMap<Network, Map<string, { body: string; etag: string }>>();
  app.get('/api/networks/:networkId/calendar.ics', async (req, reply) => {
    const n = publicNetworkOf(networks, req, reply);
    if (!n) return reply;
    const locale = localeOf(req);
    const now = clock(n.id);
    const key = `${locale} ${n.sessions.filter((s) => isSessionPast(s, now)).length}`;
    let byLocale = feeds.get(n);
    if (!byLocale) feeds.set(n, (byLocale = new Map()));
    let feed = byLocale.get(key);
    if (!feed) {
      // The session's own SEQUENCE, without any person's withdrawals (core's personalSequence):
      // this feed is the same for everyone and no person's own CANCEL ever takes an item out of
      // it. Calendar apps keep a subscribed feed as a calendar of its own, apart from the items
      // e-mails put in the person's calendar, so its lower SEQUENCE does not meet theirs.
      const body = networkCalendar(publicNetwork(n), { locale, timeline: await networks.timeline(n), now });
      feed = { body, etag: `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"` };
      byLocale.set(key, feed);
    }
    // Kept, but asked again every time: a save shows at the next read, and the answer while
    // nothing changed is a 304 from memory. The ETag is the content's hash, so a revision that
    // changes nothing in the feed keeps the calendars' copies.
    reply.header('etag', feed.etag).header('cache-control', 'public, no-cache');
    if (matchesEtag(req.headers['if-none-match'], feed.etag)) return reply.code(304).send();
    return reply.type('text/calendar; charset=utf-8').header('content-disposition', `inline; filename="${n.id}.ics"`).send(feed.body);
  });
}

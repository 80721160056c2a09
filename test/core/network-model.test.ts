import { expect } from '@esm-bundle/chai';
import { parseNetwork, type Network } from '../../src/core/index.js';
import { networkJsonLd } from '../../src/components/agenda/json-ld.js';
import { seedJson } from '../helpers/seeds.js';

const codes = (r: ReturnType<typeof parseNetwork>) => (r.ok ? [] : r.problems.map((p) => `${p.path} ${p.code}`));

describe('the network model says what real networks say', () => {
  it('a venue has a room, a note on getting there and a country; a Belgian postal code fits Belgium', async () => {
    const doc = structuredClone(await seedJson('aardgasvrij-leerkring')) as any;
    doc.sessions[0].venue = {
      type: 'physical',
      name: 'Herman Teirlinckgebouw',
      room: 'Zaal 3.14',
      address: 'Havenlaan 88',
      postalCode: '1000',
      city: 'Brussel',
      country: 'BE',
      accessibility: 'Parkeren in de garage onder het gebouw; de zaal is drempelvrij en heeft een ringleiding.',
    };
    const r = parseNetwork(doc);
    expect(codes(r)).to.deep.equal([]);
    if (!r.ok) return;
    const ld = networkJsonLd(r.value, 'https://example.org/netwerk') as any;
    expect(ld.subEvent[0].location.address.addressCountry).to.equal('BE');
    expect(ld.subEvent[0].location.address.postalCode).to.equal('1000');

    doc.sessions[0].venue.country = undefined;
    delete doc.sessions[0].venue.country;
    expect(codes(parseNetwork(doc))).to.deep.equal(['sessions[0].venue.postalCode postal-code']);
    doc.sessions[0].venue.country = 'BE';
    doc.sessions[0].venue.postalCode = '3511 AB';
    const wrong = parseNetwork(doc);
    expect(codes(wrong)).to.deep.equal(['sessions[0].venue.postalCode postal-code-country']);
    if (!wrong.ok) expect(wrong.problems[0]!.message.nl).to.contain('België');
  });

  it('knows sessions for research, dialogue, reflection rounds and workshops', async () => {
    const doc = structuredClone(await seedJson('vitaal-platteland')) as any;
    doc.sessions[0].type = 'research';
    doc.sessions[1].type = 'dialogue';
    doc.sessions[2].type = 'reflection';
    expect(codes(parseNetwork(doc))).to.deep.equal([]);
    doc.sessions[2].type = 'workshop';
    expect(codes(parseNetwork(doc))).to.deep.equal([]);
  });

  it('a closed network names its member organisations and explains who belongs', async () => {
    const doc = structuredClone(await seedJson('vitaal-platteland')) as any;
    doc.format = 'closed';
    doc.registration = { mode: 'closed' };
    doc.membership = {
      explanation: 'Alleen voor de leden van de kerngroep: de provincies en het Rijk.',
      organisations: [{ name: 'Provincie Drenthe', type: 'province' }, { name: 'Ministerie van LNV', type: 'national-government' }],
    };
    const r = parseNetwork(doc);
    expect(codes(r)).to.deep.equal([]);
    if (r.ok) expect(r.warnings).to.deep.equal([]);
  });

  it('has organisation types for political parties and their local branches, and can be limited to them', async () => {
    const doc = structuredClone(await seedJson('aardgasvrij-leerkring')) as any;
    doc.registration.eligibility = {
      organisationTypes: ['political-party', 'party-branch'],
      explanation: 'Voor afgevaardigden van politieke partijen en hun lokale afdelingen.',
    };
    const r = parseNetwork(doc);
    expect(codes(r)).to.deep.equal([]);
    const { decideRegistration } = await import('../../src/core/decide-registration.js');
    const n = (r as { value: Network }).value;
    const facts = { counts: { confirmed: 0, pending: 0, waitlisted: 0 }, duplicate: false, organisationCount: 0 };
    const now = new Date('2021-10-25T07:00:00Z');
    const municipality = decideRegistration(n, { organisationType: 'municipality', declarations: ['werkt-samen-met-initiatief'], invitation: 'none' }, facts as any, now);
    expect(municipality.reasons.map((x) => x.code)).to.include('not-eligible');
    const branch = decideRegistration(n, { organisationType: 'party-branch', declarations: ['werkt-samen-met-initiatief'], invitation: 'none' }, facts as any, now);
    expect(branch.reasons.map((x) => x.code)).to.not.include('not-eligible');
  });

  it('a fixed list of organisations is part of the registration policy', async () => {
    const doc = structuredClone(await seedJson('aardgasvrij-leerkring')) as any;
    doc.registration.organisations = [{ name: 'Gemeente Enschede', type: 'municipality' }, { name: 'Gemeente Hengelo' }];
    expect(codes(parseNetwork(doc))).to.deep.equal([]);
    doc.registration.organisations = [];
    expect(codes(parseNetwork(doc))).to.deep.equal(['registration.organisations too_small']);
    doc.registration.organisations = [{ name: 'Gemeente Enschede' }];
    doc.registration.fields.organisation = 'off';
    expect(codes(parseNetwork(doc))).to.deep.equal(['registration.fields.organisation organisation-field-off']);
  });
});

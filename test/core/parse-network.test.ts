import { expect } from '@esm-bundle/chai';
import fc from 'fast-check';
import { parseNetwork, formatProblem, type Problem } from '../../src/core/index.js';
import { SEED_IDS, seedJson } from '../helpers/seeds.js';

describe('parseNetwork', () => {
  it('accepts the five seed networks', async () => {
    for (const id of SEED_IDS) {
      const r = parseNetwork(await seedJson(id));
      expect(r.ok, `${id}: ${r.ok ? '' : r.problems.map((p) => formatProblem(p)).join('; ')}`).to.equal(true);
    }
  });

  it('reports every problem at once, each with its path and a sentence in both languages', async () => {
    const doc = structuredClone(await seedJson('twentse-noabers')) as any;
    doc.sessions[0].start = '2026-03-12 19:30';
    doc.sessions[1].type = 'borrel';
    delete doc.title;
    const r = parseNetwork(doc);
    expect(r.ok).to.equal(false);
    if (r.ok) return;
    const byPath = Object.fromEntries(r.problems.map((p) => [p.path, p]));
    expect(Object.keys(byPath)).to.have.members(['sessions[0].start', 'sessions[1].type', 'title']);
    expect(byPath['sessions[0].start']!.message.nl).to.equal(
      'dit is geen geldige datum en tijd, verwacht bijvoorbeeld 2026-03-12T19:30 (tijd in Nederland) of 2026-03-12T19:30:00+01:00',
    );
    expect(byPath['sessions[0].start']!.message.en).to.match(/^this is not a valid date and time/);
    expect(byPath['title']!.message.nl).to.equal('dit veld ontbreekt');
    expect(byPath['sessions[1].type']!.message.nl).to.contain('"borrel"').and.contain('"kick-off"');
  });

  it('says a missing field is missing, whatever its type', () => {
    const r = parseNetwork({ id: 'x' });
    if (r.ok) throw new Error('expected problems');
    const missing = r.problems.filter((p) => p.code === 'missing').map((p) => p.path);
    expect(missing).to.have.members(['kind', 'title', 'summary', 'organisers', 'sessions', 'registration']);
    for (const p of r.problems) expect(p.message.nl).to.equal('dit veld ontbreekt');
  });

  it('suggests the field an editor probably meant', async () => {
    const doc = structuredClone(await seedJson('aardgasvrij-leerkring')) as any;
    doc.sessions[0].venue.adress = doc.sessions[0].venue.address;
    delete doc.sessions[0].venue.address;
    const r = parseNetwork(doc);
    expect(r.ok).to.equal(false);
    if (r.ok) return;
    expect(r.problems).to.have.length(1);
    expect(r.problems[0]!.path).to.equal('sessions[0].venue.adress');
    expect(r.problems[0]!.message.nl).to.equal('onbekend veld "adress"; bedoel je "address"?');
  });

  it('reports an unknown field named like a property of every object ("constructor", "toString") instead of throwing', async () => {
    const text = JSON.stringify(await seedJson('twentse-noabers'));
    for (const key of ['constructor', 'toString', 'hasOwnProperty', '__proto__']) {
      const doc = JSON.parse(text.replace(/^\{/, `{"${key}":"x",`));
      const r = parseNetwork(doc);
      if (r.ok) throw new Error(`${key}: expected a problem`);
      expect(r.problems.map((p) => [p.path, p.code]), key).to.deep.equal([[key, 'unknown-key']]);
    }
  });

  it('checks rules that span fields', async () => {
    const doc = structuredClone(await seedJson('aardgasvrij-leerkring')) as any;
    doc.sessions[0].end = '2021-11-23T09:00';
    doc.sessions[1].id = 'startbijeenkomst';
    doc.registration.mode = 'external';
    const r = parseNetwork(doc);
    if (r.ok) throw new Error('expected problems');
    expect(r.problems.map((p) => `${p.path} ${p.code}`)).to.have.members([
      'sessions[0].end end-before-start',
      'sessions[1].id duplicate-id',
      'registration.url external-without-url',
    ]);
  });

  it('refuses line breaks and control characters in one-line fields, and keeps line breaks in descriptions', async () => {
    const doc = structuredClone(await seedJson('aardgasvrij-leerkring')) as any;
    doc.title = 'Leerkring\r\nBEGIN:VEVENT';
    doc.sessions[0].title = 'Start\u001B[2J';
    doc.organisers[0].name = 'Programma \u202Eabc';
    doc.sessions[0].venue.city = 'Utrecht\u0000';
    doc.contact.name = 'Femke\nJansen';
    doc.summary = 'Samen leren\uD800';
    doc.description = 'Alinea een.\n\nAlinea twee.\r\n- punt';
    doc.sessions[1].description = 'Regel\nregel\tmet tab';
    doc.sessions[2].description = 'Regel\u0007';
    const r = parseNetwork(doc);
    if (r.ok) throw new Error('expected problems');
    expect(r.problems.map((p) => `${p.path} ${p.code}`)).to.have.members([
      'title line-break',
      'sessions[0].title control',
      'organisers[0].name control',
      'sessions[0].venue.city control',
      'contact.name line-break',
      'summary unstorable',
      'sessions[2].description control',
    ]);
    const codes = ['line-break', 'control', 'unstorable'];
    const sentences = codes.map((c) => r.problems.find((p) => p.code === c)!.message);
    expect(new Set(sentences.map((m) => m.nl)).size).to.equal(3);
    for (const m of sentences) {
      expect(m.nl).to.not.equal('deze waarde klopt niet');
      expect(m.en).to.not.equal('this value is not valid');
    }
  });

  it('reads JSON text and reports a syntax error instead of throwing', () => {
    const r = parseNetwork('{"id": "x",');
    expect(r.ok).to.equal(false);
    if (!r.ok) expect(r.problems[0]!.code).to.equal('json');
  });

  it('never throws and never mutates, whatever it is given', async () => {
    const seedDoc = await seedJson('vitaal-platteland');
    fc.assert(
      fc.property(fc.oneof(fc.anything(), fc.jsonValue(), fc.constant(seedDoc)), (input) => {
        const before = JSON.stringify(input);
        const r = parseNetwork(input);
        expect(JSON.stringify(input)).to.equal(before);
        if (!r.ok) for (const p of r.problems) expect(p.message.nl).to.be.a('string').and.not.equal('');
      }),
      { numRuns: 300 },
    );
  });

  it('returns a value that is not the input object (the caller may keep editing its copy)', async () => {
    const doc = await seedJson('groene-domein');
    const r = parseNetwork(doc);
    if (!r.ok) throw new Error('invalid');
    expect(r.value).to.not.equal(doc);
  });
});

describe('parseNetwork: every problem at once, contradictions and warnings', () => {
  const paths = (ps: readonly Problem[]) => ps.map((p) => `${p.path} ${p.code}`);

  it('still reports duplicate ids and unknown tracks when a session has an error of its own', async () => {
    const doc = structuredClone(await seedJson('groene-domein')) as any;
    doc.sessions[0].start = 'morgen';
    doc.sessions[1].type = 'borrel';
    delete doc.sessions[4].title;
    doc.sessions[2].id = doc.sessions[1].id;
    doc.sessions[3].track = 'bestaat-niet';
    doc.registration.mode = 'email';
    delete doc.contact.email;
    const r = parseNetwork(doc);
    if (r.ok) throw new Error('expected problems');
    expect(paths(r.problems)).to.include.members([
      'sessions[0].start datetime',
      'sessions[1].type invalid_value',
      'sessions[4].title missing',
      'sessions[2].id duplicate-id',
      'sessions[3].track unknown-track',
      'contact.email email-without-contact',
    ]);
  });

  it('refuses an eligibility by organisation type when the form does not ask the type', async () => {
    const doc = structuredClone(await seedJson('aardgasvrij-leerkring')) as any;
    doc.registration.fields.organisationType = 'off';
    const r = parseNetwork(doc);
    if (r.ok) throw new Error('expected problems');
    const p = r.problems.find((x) => x.code === 'type-field-off')!;
    expect(p.path).to.equal('registration.fields.organisationType');
    expect(p.message.nl).to.contain('eligibility').and.contain('"off"');
    expect(p.message.en).to.contain('eligibility');
  });

  it('warns that a closed network takes no registrations through the built-in form', async () => {
    const doc = structuredClone(await seedJson('vitaal-platteland')) as any;
    doc.format = 'closed';
    const r = parseNetwork(doc);
    if (!r.ok) throw new Error(JSON.stringify(r.problems));
    const w = r.warnings.find((x) => x.code === 'closed-format-built-in')!;
    expect(w.path).to.equal('registration.mode');
    expect(w.message.nl).to.contain('"closed"').and.contain('built-in');
    const plain = parseNetwork(await seedJson('vitaal-platteland'));
    if (!plain.ok) throw new Error('invalid');
    expect(plain.warnings).to.deep.equal([]);
  });

  it('suggests a field by meaning as well as by spelling', async () => {
    const doc = structuredClone(await seedJson('aardgasvrij-leerkring')) as any;
    doc.sessions[0].walkIn = '19:00';
    doc.sessions[0].location = doc.sessions[0].venue;
    doc.sessions[1].agenda = [];
    doc.registration.maxParticipants = 12;
    doc.organizers = [];
    const r = parseNetwork(doc);
    if (r.ok) throw new Error('expected problems');
    const said = Object.fromEntries(r.problems.map((p) => [p.path, p.message.nl]));
    expect(said['sessions[0].walkIn']).to.equal('onbekend veld "walkIn"; bedoel je "doorsOpen"?');
    expect(said['sessions[0].location']).to.contain('"venue"');
    expect(said['sessions[1].agenda']).to.contain('"programme"');
    expect(said['registration.maxParticipants']).to.contain('"capacity"');
    expect(said['organizers']).to.contain('"organisers"');
  });

  it('warns about a wall time that does not exist or happens twice, and says which instant it chose', async () => {
    const doc = structuredClone(await seedJson('vitaal-platteland')) as any;
    doc.sessions[0].start = '2027-03-28T02:30';
    delete doc.sessions[0].end;
    delete doc.sessions[0].date;
    delete doc.sessions[0].doorsOpen;
    doc.sessions[1].start = '2027-10-31T02:15';
    delete doc.sessions[1].end;
    delete doc.sessions[1].date;
    const r = parseNetwork(doc);
    if (!r.ok) throw new Error(JSON.stringify(r.problems));
    const byPath = Object.fromEntries(r.warnings.map((w) => [w.path, w]));
    expect(byPath['sessions[0].start']!.code).to.equal('time-skipped');
    expect(byPath['sessions[0].start']!.message.nl).to.contain('2027-03-28T03:30+02:00');
    expect(byPath['sessions[0].start']!.message.en).to.contain('2027-03-28T03:30+02:00');
    expect(byPath['sessions[1].start']!.code).to.equal('time-repeated');
    expect(byPath['sessions[1].start']!.message.nl).to.contain('2027-10-31T02:15+02:00').and.contain('+01:00');
    // An explicit offset is not ambiguous.
    doc.sessions[1].start = '2027-10-31T02:15+01:00';
    const again = parseNetwork(doc);
    if (!again.ok) throw new Error('invalid');
    expect(again.warnings.map((w) => w.path)).to.deep.equal(['sessions[0].start']);
  });
});

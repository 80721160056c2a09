import { expect } from '@esm-bundle/chai';
import { checkRegistration, validateRegistrationInput, inertLine, type Problem } from '../../src/core/index.js';
import { makeNetwork } from '../helpers/fixtures.js';

const network = makeNetwork({
  fields: { organisation: 'optional', organisationType: 'off', role: 'optional' },
  questions: [
    { id: 'vraag', label: 'Korte vraag', type: 'text' },
    { id: 'verhaal', label: 'Lange vraag', type: 'textarea' },
  ],
});

const register = (participant: Record<string, string>, answers: Record<string, string> = {}) =>
  checkRegistration(network, { participant: { name: 'Anna de Vries', email: 'anna@example.org', ...participant }, answers });

function problemsOf(result: ReturnType<typeof checkRegistration>): Problem[] {
  expect(result.ok, 'refused').to.equal(false);
  return result.ok ? [] : result.problems;
}

describe('text people type', () => {
  describe('normalisation', () => {
    it('writes one-line fields in NFC, trimmed, with every run of whitespace (line breaks, NBSP, tabs) as one space', () => {
      const r = register({ name: ' \u00A0Rene\u0301\r\n  de\tVries\u2028', organisation: 'Gemeente\u00A0\u00A0Utrecht\n', role: 'Beleids\u00ADmedewerker' });
      expect(r.ok).to.equal(true);
      if (!r.ok) return;
      expect(r.value.participant.name).to.equal('Ren\u00E9 de Vries');
      expect(r.value.participant.organisation).to.equal('Gemeente Utrecht');
      // An invisible soft hyphen or zero-width space would make two spellings of one organisation.
      expect(r.value.participant.role).to.equal('Beleidsmedewerker');
    });

    it('keeps the line breaks of a long answer, drops other control characters, and makes a short answer one line', () => {
      const r = register({}, { vraag: 'een\r\ntwee', verhaal: 'Regel een\r\nRegel\u0007 twee\u001B[31m\n\n\n\nRegel drie\u202E' });
      expect(r.ok).to.equal(true);
      if (!r.ok) return;
      expect(r.value.answers).to.deep.equal({ vraag: 'een twee', verhaal: 'Regel een\nRegel twee[31m\n\nRegel drie' });
    });

    it('keeps names in other scripts, with the marks they need', () => {
      const r = register({ name: 'דוד\u200F כהן', organisation: 'مؤسسة\u200Cعامة' });
      expect(r.ok).to.equal(true);
    });
  });

  describe('refusals, each with the field and its own sentence', () => {
    const cases: [string, Record<string, string>, string, string][] = [
      ['NUL', { name: 'Anna\u0000' }, 'participant.name', 'unstorable'],
      ['a lone surrogate', { name: 'Anna \uD800' }, 'participant.name', 'unstorable'],
      ['a vertical tab', { name: 'Anna\u000Bde Vries' }, 'participant.name', 'control'],
      ['an escape sequence', { organisation: 'Gemeente \u001B[2J' }, 'participant.organisation', 'control'],
      ['DEL', { role: 'Adviseur\u007F' }, 'participant.role', 'control'],
      ['a C1 control', { name: 'Anna\u009B' }, 'participant.name', 'control'],
      ['a right-to-left override', { name: 'Anna \u202Egpj.exe' }, 'participant.name', 'bidi'],
      ['a bidi isolate', { organisation: '\u2066Gemeente\u2069' }, 'participant.organisation', 'bidi'],
      ['a left-to-right mark in a Latin name', { name: 'Anna\u200E' }, 'participant.name', 'bidi'],
      ['only zero-width characters', { name: '\u200B\u200C\u200D\u2060\uFEFF' }, 'participant.name', 'invisible'],
      ['only Hangul fillers', { name: '\u3164\u3164' }, 'participant.name', 'invisible'],
      ['a web address in a name', { name: 'Anna\nhttps://evil.example/login' }, 'participant.name', 'link'],
      ['www in a name', { name: 'Klik www.evil.example' }, 'participant.name', 'link'],
      ['a zero-width space in an e-mail address', { email: 'x\u200B@example.org' }, 'participant.email', 'space'],
      ['a space inside an e-mail address', { email: 'anna de@example.org' }, 'participant.email', 'space'],
      ['NUL in an e-mail address', { email: 'anna@exa\u0000mple.org' }, 'participant.email', 'unstorable'],
      ['a control in an e-mail address', { email: 'anna\u001B@example.org' }, 'participant.email', 'control'],
    ];
    for (const [what, participant, path, code] of cases) {
      it(`refuses ${what}`, () => {
        const problems = problemsOf(register(participant));
        expect(problems.map((p) => [p.path, p.code])).to.deep.equal([[path, code]]);
        const p = problems[0]!;
        expect(p.message.nl).to.be.a('string').and.not.equal('');
        expect(p.message.en).to.be.a('string').and.not.equal('');
      });
    }

    it('says per field what is wrong, in plain words, different for each kind of refusal', () => {
      const sentence = (participant: Record<string, string>) => problemsOf(register(participant))[0]!.message;
      const name = [sentence({ name: 'A\u0000' }), sentence({ name: 'A\u001B' }), sentence({ name: 'A\u202E' }), sentence({ name: '\u200B' }), sentence({ name: 'www.x.nl' })];
      expect(new Set(name.map((m) => m.nl)).size).to.equal(5);
      expect(new Set(name.map((m) => m.en)).size).to.equal(5);
      for (const m of name) expect(m.nl).to.match(/naam/i);
      expect(sentence({ organisation: 'A\u001B' }).nl).to.match(/organisatie/i);
      expect(sentence({ email: 'x\u200B@example.org' }).nl).to.match(/e-mailadres/i);
      expect(sentence({ email: 'x\u200B@example.org' }).en).to.match(/email address/i);
    });

    it('refuses NUL and lone surrogates in answers too, before anything is stored', () => {
      const problems = problemsOf(register({}, { vraag: 'a\u0000', verhaal: '\uDC00' }));
      expect(problems.map((p) => [p.path, p.code])).to.deep.equal([
        ['answers.vraag', 'unstorable'],
        ['answers.verhaal', 'unstorable'],
      ]);
    });
  });

  describe('the shape of what the server receives', () => {
    it('says which field has the wrong type, with a path, instead of refusing the whole body', () => {
      const r = validateRegistrationInput(network, { participant: { name: 'Anna', email: 'anna@example.org', role: 12 }, locale: 7, answers: { vraag: { x: 1 } } });
      const problems = problemsOf(r);
      expect(problems.map((p) => p.path)).to.deep.equal(['participant.role', 'answers.vraag', 'locale']);
      for (const p of problems) expect(p.code).to.equal('shape');
      expect(problems[2]!.message.en).to.match(/nl|en/);
    });

    it('answers a body that is not an object with one problem for the whole body', () => {
      for (const body of [null, 'x', [], 3]) {
        const problems = problemsOf(validateRegistrationInput(network, body));
        expect(problems.map((p) => [p.path, p.code])).to.deep.equal([['', 'shape']]);
      }
    });
  });

  describe('inertLine, for personal values in e-mails', () => {
    it('makes one line of anything and leaves ordinary names alone', () => {
      expect(inertLine('Anna\r\n\r\nde\u2028Vries\u0000\u202E')).to.equal('Anna de Vries');
      for (const name of ['J.R. de Vries', 'A.B.C. Jansen', 'St. John', 'René Poëll', 'דוד\u200F כהן', 'Zoë 👩‍👩‍👧']) expect(inertLine(name)).to.equal(name);
      expect(inertLine('x\uD800y')).to.equal('x\uFFFDy');
    });

    it('writes addresses so that no mail client makes a link of them, unless an organiser wrote them', () => {
      expect(inertLine('zie https://evil.example/login of www.evil.nl, mail anna@evil.example')).to.equal('zie https[:]//evil[.]example/login of www[.]evil[.]nl, mail anna@evil[.]example');
      expect(inertLine('zie https://www.example.org/x\nnu', { keepLinks: true })).to.equal('zie https://www.example.org/x nu');
    });
  });
});

import { expect } from '@esm-bundle/chai';
import { messages, toLocale } from '../../src/core/index.js';

describe('translations', () => {
  it('uses Dutch plurals and English plurals', () => {
    expect(messages('nl').availability.placesLeft(1)).to.equal('nog 1 plaats');
    expect(messages('nl').availability.placesLeft(3)).to.equal('nog 3 plaatsen');
    expect(messages('en').availability.placesLeft(1)).to.equal('1 place left');
    expect(messages('en').availability.placesLeft(0)).to.equal('0 places left');
  });

  it('defaults to Dutch', () => {
    expect(toLocale(undefined)).to.equal('nl');
    expect(toLocale('fr')).to.equal('nl');
    expect(toLocale('en-GB')).to.equal('en');
    expect(messages(undefined).outcome.confirmed).to.equal('Aangemeld');
  });

  it('has the same keys in both languages, all non-empty', () => {
    const walk = (a: any, b: any, path: string) => {
      expect(Object.keys(b).sort(), path).to.deep.equal(Object.keys(a).sort());
      for (const k of Object.keys(a)) {
        if (typeof a[k] === 'object') walk(a[k], b[k], `${path}.${k}`);
        else if (typeof a[k] === 'string' && !(path.endsWith('.level') && k === 'unknown')) expect(b[k], `${path}.${k}`).to.not.equal('');
      }
    };
    walk(messages('nl'), messages('en'), 'messages');
  });
});

import { expect } from '@esm-bundle/chai';
import { foldForSearch, matchesSearch } from '../../src/core/index.js';

// Issue 24: search that ignores accents and the order of words.
describe('matchesSearch', () => {
  it('ignores accents and case, including the Turkish dotless and dotted i', () => {
    expect(matchesSearch('zoe kok', ['Zoë Kok'])).to.equal(true);
    expect(matchesSearch('ZOË', ['zoe'])).to.equal(true);
    expect(matchesSearch('yilmaz', ['Sanne Yılmaz'])).to.equal(true);
    expect(matchesSearch('istanbul', ['İstanbul'])).to.equal(true);
    expect(matchesSearch('celik', ['Çelik'])).to.equal(true);
    expect(foldForSearch('Łódź Øster Straße')).to.equal('lodz oster strasse');
  });

  it('needs every word somewhere, in any order, across the fields', () => {
    expect(matchesSearch('yilmaz sanne', ['Sanne Yılmaz'])).to.equal(true);
    expect(matchesSearch('sanne gemeente', ['Sanne Yılmaz', 'sanne@example.org', 'Gemeente Utrecht'])).to.equal(true);
    expect(matchesSearch('sanne jansen', ['Sanne Yılmaz', 'sanne@example.org'])).to.equal(false);
    expect(matchesSearch('  ', ['wie dan ook'])).to.equal(true);
    expect(matchesSearch('x', [undefined, null, ''])).to.equal(false);
  });
});

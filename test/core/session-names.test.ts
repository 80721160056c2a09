import { expect } from '@esm-bundle/chai';
import { formatDate, formatDateTime } from '../../src/core/i18n/format.js';
import { sessionNames, type Session } from '../../src/core/index.js';

// Issue 24, defect 6: sessions with the same title are named with their date beside it.
describe('sessionNames', () => {
  const s = (id: string, title: string, start?: string) => ({ id, title, type: 'other', venue: { type: 'online' }, ...(start && { start }) }) as unknown as Session;

  it('keeps a title that is the only one, and adds the date where titles repeat (case and spaces aside)', () => {
    const name = sessionNames([s('a', 'Praktijkdag', '2030-05-01T10:00'), s('b', 'praktijkdag ', '2030-06-05T10:00'), s('c', 'Slot', '2030-07-01T10:00')], 'nl', 'datum volgt');
    expect(name('a')).to.equal(`Praktijkdag (${formatDate('nl', new Date('2030-05-01T10:00'))})`);
    expect(name('b')).to.equal(`praktijkdag  (${formatDate('nl', new Date('2030-06-05T10:00'))})`);
    expect(name('c')).to.equal('Slot');
    expect(name('weg')).to.equal('weg');
  });

  it('adds the time when two fall on the same day, and says when there is no date', () => {
    const name = sessionNames([s('a', 'Dag', '2030-05-01T10:00'), s('b', 'Dag', '2030-05-01T14:00'), s('c', 'Dag')], 'en', 'date to follow');
    expect(name('a')).to.equal(`Dag (${formatDateTime('en', new Date('2030-05-01T10:00+02:00'))})`);
    expect(name('b')).to.equal(`Dag (${formatDateTime('en', new Date('2030-05-01T14:00+02:00'))})`);
    expect(name('c')).to.equal('Dag (date to follow)');
  });
});

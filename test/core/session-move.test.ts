import { expect } from '@esm-bundle/chai';
import { moveMarks } from '../../src/core/session-move.js';

describe('a session moved (issue 23, session-move.ts)', () => {
  const saved = { start: '2031-03-12T13:30' };

  it('another day: moved, with the saved start kept', () => {
    expect(JSON.stringify(moveMarks(saved, '2031-03-19T13:30'))).to.equal('{"status":"moved","movedFrom":["2031-03-12T13:30"]}');
  });

  it('a new time on the same day, or no start before or after: nothing changes', () => {
    expect(JSON.stringify(moveMarks(saved, '2031-03-12T15:00'))).to.equal('{}');
    expect(JSON.stringify(moveMarks({}, '2031-03-12T15:00'))).to.equal('{}');
    expect(JSON.stringify(moveMarks(saved, undefined))).to.equal('{}');
  });

  it('moved again: the earlier dates stay, oldest first', () => {
    const twice = moveMarks({ start: '2031-03-19T13:30', status: 'moved', movedFrom: ['2031-03-12T13:30'] }, '2031-03-26T13:30');
    expect(JSON.stringify(twice.movedFrom)).to.equal('["2031-03-12T13:30","2031-03-19T13:30"]');
  });

  it('back to the saved day: what was saved, so an edit before saving adds no date', () => {
    const before = { start: '2031-03-19T13:30', status: 'moved', movedFrom: ['2031-03-12T13:30'] };
    expect(JSON.stringify(moveMarks(before, '2031-03-19T10:00'))).to.equal(JSON.stringify({ status: 'moved', movedFrom: ['2031-03-12T13:30'] }));
  });

  it('an all-day session whose date changes: moved, its earlier day kept as its midnight', () => {
    const allDay = { date: '2030-05-01' };
    expect(JSON.stringify(moveMarks(allDay, undefined, { date: '2030-05-08' }))).to.equal('{"status":"moved","movedFrom":["2030-05-01T00:00"]}');
    expect(JSON.stringify(moveMarks(allDay, '2030-05-08T10:00'))).to.equal('{"status":"moved","movedFrom":["2030-05-01T00:00"]}');
    expect(JSON.stringify(moveMarks(allDay, undefined, { date: '2030-05-01' }))).to.equal('{}');
    expect(JSON.stringify(moveMarks(allDay, '2030-05-01T10:00'))).to.equal('{}');
  });

  it('a start saved as a UTC instant: compared by its day in Amsterdam, not in UTC', () => {
    // 23:30 UTC on 12 March is 00:30 on 13 March in Amsterdam.
    const utc = { start: '2031-03-12T23:30:00Z' };
    expect(JSON.stringify(moveMarks(utc, '2031-03-13T10:00'))).to.equal('{}');
    expect(JSON.stringify(moveMarks(utc, '2031-03-12T10:00'))).to.equal('{"status":"moved","movedFrom":["2031-03-12T23:30:00Z"]}');
  });

  it('cancelled or not: the status follows movedFrom when the cancellation is taken back', () => {
    const cancelled = { start: '2031-03-19T13:30', status: 'cancelled', movedFrom: ['2031-03-12T13:30'] };
    expect(JSON.stringify(moveMarks(cancelled, '2031-03-19T13:30', { cancelled: false }))).to.equal('{"status":"moved","movedFrom":["2031-03-12T13:30"]}');
    expect(JSON.stringify(moveMarks({ start: '2031-03-19T13:30', status: 'cancelled' }, '2031-03-19T13:30', { cancelled: false }))).to.equal('{}');
    expect(JSON.stringify(moveMarks({ status: 'cancelled', movedFrom: ['2031-03-12T13:30'] }, undefined, { cancelled: false }))).to.equal('{"status":"moved","movedFrom":["2031-03-12T13:30"]}');
    expect(JSON.stringify(moveMarks(cancelled, '2031-03-26T13:30', { cancelled: true }))).to.equal(
      '{"status":"cancelled","movedFrom":["2031-03-12T13:30","2031-03-19T13:30"]}',
    );
    expect(JSON.stringify(moveMarks({ start: '2031-03-19T13:30' }, '2031-03-19T13:30', { cancelled: true }))).to.equal('{"status":"cancelled"}');
  });
});

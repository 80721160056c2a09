/**
 * Search as organisers type it: one rule for every search box in the console. Letters match
 * without their accents ("zoe" finds "Zoë", "yilmaz" finds "Yılmaz", "celik" finds "Çelik"),
 * without regard to case, and every word typed must be found somewhere in the fields, in any
 * order ("kok zoe" and "zoe kok" both find "Zoë Kok"; "yilmaz sanne" finds "Sanne Yılmaz").
 */

// Letters that do not fall apart into a base letter and a mark (NFD leaves them whole).
const WHOLE: Record<string, string> = { ı: 'i', ł: 'l', ø: 'o', đ: 'd', ð: 'd', þ: 'th', ß: 'ss', æ: 'ae', œ: 'oe', ĳ: 'ij' };
const MARK = /\p{M}/gu;
const WHOLE_LETTERS = /[ıłøđðþßæœĳ]/g;

/** Text folded for comparing: lower case, accents off, İ/ı to i, ligatures spelt out. */
export function foldForSearch(text: string): string {
  // Lower case first (İ becomes i + a combining dot, which the marks step then removes).
  return text
    .toLowerCase()
    .normalize('NFD')
    .replace(MARK, '')
    .replace(WHOLE_LETTERS, (c) => WHOLE[c] ?? c);
}

/** The words of a search, folded; an empty search has none. */
export function searchWords(query: string): string[] {
  return foldForSearch(query).split(/\s+/).filter(Boolean);
}

/**
 * Whether a search matches: every word of `query` occurs in at least one of `fields` (any
 * order, accents and case ignored). An empty search matches everything.
 */
export function matchesSearch(query: string, fields: readonly (string | null | undefined)[]): boolean {
  const words = searchWords(query);
  if (!words.length) return true;
  const folded = fields.filter((f): f is string => !!f).map(foldForSearch);
  return words.every((w) => folded.some((f) => f.includes(w)));
}

/**
 * When two written names are one organisation. People write "Gemeente Utrecht",
 * "  gemeente   utrecht " or "Súdwest-Fryslân" without its accents; a per-organisation limit
 * and a fixed list of organisations must see one organisation in each of those.
 */

// Apostrophes and dashes as keyboards and word processors write them.
const APOSTROPHES = /[\u2018\u2019\u201B\u02BC\u0060\u00B4]/g;
const DASHES = /[\u2010-\u2015\u2212]/g;

/**
 * The key under which an organisation's name is compared and counted: compatibility-normalised,
 * without accents, one kind of apostrophe and dash, whitespace collapsed, lower case.
 * @example organisationKey('  Gemeente\u00A0 Utrecht ') === organisationKey('gemeente utrecht') // true
 */
export function organisationKey(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .replace(APOSTROPHES, "'")
    .replace(DASHES, '-')
    .replace(/\s+/gu, ' ')
    .trim()
    .toLocaleLowerCase('nl');
}

/** The organisation of a fixed list that `name` means, written as the list writes it. */
export function findListedOrganisation<T extends { name: string }>(list: readonly T[], name: string): T | undefined {
  const key = organisationKey(name);
  return list.find((o) => organisationKey(o.name) === key);
}

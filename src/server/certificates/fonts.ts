/**
 * The certificate's font: DejaVu Sans (regular and bold), a free font with wide coverage (Latin
 * with every accent, Turkish ı/ş/İ, Polish ł, Greek, Cyrillic…), embedded by pdf-lib through
 * fontkit as a subset, so a PDF carries only the letters it uses (about 20 kB for a certificate).
 * The standard PDF fonts know Windows-1252 only: "Yılmaz" came out as "Yilmaz", Greek as "???".
 *
 * Both packages are optional peers of the server, as pdf-lib is: loaded when the first
 * certificate is made, so a server without them still starts and only the certificate routes
 * say what is missing (503, `CertificatesUnavailableError`).
 */
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/** A certificate cannot be made: a package it needs is not installed on the server. */
export class CertificatesUnavailableError extends Error {
  constructor(missing: string) {
    super(`${missing} is not installed`);
  }
}

/** The font files as bytes, and which text they can write. */
export interface CertificateFonts {
  fontkit: unknown;
  regular: Uint8Array;
  bold: Uint8Array;
  /** Whether every character of `text` has a glyph in both fonts. */
  canWrite(text: string): boolean;
}

type Fontkit = { create(data: Uint8Array): { hasGlyphForCodePoint(codePoint: number): boolean } };

async function load(): Promise<CertificateFonts | undefined> {
  let fontkit: Fontkit;
  let dir: string;
  try {
    fontkit = ((await import('@pdf-lib/fontkit')) as unknown as { default: Fontkit }).default;
    dir = join(dirname(createRequire(import.meta.url).resolve('dejavu-fonts-ttf/package.json')), 'ttf');
  } catch {
    return undefined;
  }
  const [regular, bold] = await Promise.all([readFile(join(dir, 'DejaVuSans.ttf')), readFile(join(dir, 'DejaVuSans-Bold.ttf'))]);
  const faces = [fontkit.create(regular), fontkit.create(bold)];
  // Spaces and line breaks are laid out, not drawn; the rest must be in the font.
  const canWrite = (text: string) => [...text.replace(/\s/g, '')].every((ch) => faces.every((f) => f.hasGlyphForCodePoint(ch.codePointAt(0)!)));
  return { fontkit, regular, bold, canWrite };
}

let loaded: Promise<CertificateFonts | undefined> | undefined;

/** The fonts, read once; throws `CertificatesUnavailableError` without @pdf-lib/fontkit or dejavu-fonts-ttf. */
export async function certificateFonts(): Promise<CertificateFonts> {
  const fonts = await (loaded ??= load());
  if (!fonts) throw new CertificatesUnavailableError('@pdf-lib/fontkit or dejavu-fonts-ttf');
  return fonts;
}

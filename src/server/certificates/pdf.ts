/**
 * Certificates of attendance as PDF (issue 24), laid out by pdf-lib: a well-kept library, pure
 * JavaScript, so no hand-written PDF and nothing native to install. Every word comes from core
 * (`certificateText`); this file only places the lines on A4 pages.
 *
 * The font is DejaVu Sans, embedded as a subset (./fonts.ts), so names print as written
 * ("Yılmaz", "Łukasz", "Ζωή"). fontkit shapes each line and lays out one that is wholly right to
 * left (Arabic, Hebrew) from right to left. Which text can be printed at all is core's rule
 * (`printableOnCertificate`, given the font's `canWrite`): text that cannot is already replaced
 * by a visible note in the `CertificateText`, never by "?".
 */
import type { PDFDocument, PDFFont, PDFPage, RGB } from 'pdf-lib';
import type { CertificateText, Locale } from '../../core/index.js';
import { CertificatesUnavailableError, certificateFonts } from './fonts.js';

export { CertificatesUnavailableError } from './fonts.js';

const A4 = [595.28, 841.89] as const;
const MARGIN = 64;
const WIDTH = A4[0] - 2 * MARGIN;

/**
 * pdf-lib is one of the server's optional peer packages (as nodemailer is): loaded when the
 * first certificate is made, so a server installed without it still starts, and only the
 * certificate routes say what is missing (503).
 */
let loaded: Promise<typeof import('pdf-lib') | undefined> | undefined;
const pdfLib = () => (loaded ??= import('pdf-lib').catch(() => undefined));

/** Which text the certificate's font can write: core's `certificateText` takes it as `canWrite`. */
export async function certificateWriter(): Promise<(text: string) => boolean> {
  return (await certificateFonts()).canWrite;
}

/** Line and paragraph separators and tabs are laid out as spaces. */
const writable = (text: string) => text.replace(/[\u2028\u2029\r\n\t]/g, ' ');

/** Breaks text into lines that fit `width` at `size`; a word longer than a line is cut. */
function wrap(font: PDFFont, text: string, size: number, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of writable(text).split(/ +/)) {
    const next = line ? `${line} ${word}` : word;
    if (font.widthOfTextAtSize(next, size) <= width) {
      line = next;
      continue;
    }
    if (line) lines.push(line);
    line = word;
    while (font.widthOfTextAtSize(line, size) > width && line.length > 1) {
      let cut = line.length - 1;
      while (cut > 1 && font.widthOfTextAtSize(line.slice(0, cut), size) > width) cut--;
      lines.push(line.slice(0, cut));
      line = line.slice(cut);
    }
  }
  if (line) lines.push(line);
  return lines;
}

type Colours = { ink: RGB; accent: RGB };

class Writer {
  #page!: PDFPage;
  #y = 0;
  constructor(
    readonly doc: PDFDocument,
    readonly regular: PDFFont,
    readonly bold: PDFFont,
    readonly colours: Colours,
  ) {}

  newPage(): void {
    this.#page = this.doc.addPage([...A4]);
    this.#y = A4[1] - MARGIN;
  }

  text(text: string, options: { size?: number; bold?: boolean; accent?: boolean; after?: number; indent?: number } = {}): void {
    const size = options.size ?? 11;
    const font = options.bold ? this.bold : this.regular;
    const indent = options.indent ?? 0;
    for (const line of wrap(font, text, size, WIDTH - indent)) {
      if (this.#y - size < MARGIN) this.newPage();
      this.#y -= size * 1.3;
      this.#page.drawText(line, { x: MARGIN + indent, y: this.#y, size, font, color: options.accent ? this.colours.accent : this.colours.ink });
    }
    this.#y -= options.after ?? 4;
  }

  rule(): void {
    this.#y -= 6;
    this.#page.drawLine({ start: { x: MARGIN, y: this.#y }, end: { x: MARGIN + WIDTH, y: this.#y }, thickness: 1, color: this.colours.accent });
    this.#y -= 14;
  }
}

function writeCertificate(w: Writer, c: CertificateText): void {
  w.newPage();
  w.text(c.heading, { size: 26, bold: true, accent: true, after: 8 });
  w.text(c.network, { size: 15, bold: true });
  w.rule();
  w.text(c.person, { size: 18, bold: true, after: 6 });
  if (c.organisation) w.text(c.organisation, { after: 8 });
  w.text(c.statement, { size: 12, after: 16 });
  w.text(c.sessionsHeading, { size: 13, bold: true, after: 6 });
  for (const s of c.sessions) {
    w.text(s.title, { bold: true, indent: 12, after: 1 });
    w.text(`${s.when} · ${s.duration}`, { size: 10, indent: 12, after: 8 });
  }
  w.rule();
  w.text(c.total, { size: 12, bold: true, after: 16 });
  if (c.organisers) w.text(c.organisers, { after: 4 });
  w.text(c.issued, { size: 10 });
}

/**
 * One PDF with a certificate per person (each starting on its own page); `title` is the
 * document's title in its metadata, which screen readers and the reader's window show.
 */
export async function certificatesPdf(certificates: readonly CertificateText[], context: { locale: Locale; title: string; now: Date }): Promise<Uint8Array> {
  const lib = await pdfLib();
  if (!lib) throw new CertificatesUnavailableError('pdf-lib');
  const fonts = await certificateFonts();
  const { PDFDocument, rgb } = lib;
  const doc = await PDFDocument.create();
  doc.registerFontkit(fonts.fontkit as Parameters<PDFDocument['registerFontkit']>[0]);
  doc.setTitle(context.title, { showInWindowTitleBar: true });
  doc.setLanguage(context.locale === 'en' ? 'en-GB' : 'nl-NL');
  doc.setCreator('leerkring');
  doc.setProducer('leerkring (pdf-lib)');
  doc.setCreationDate(context.now);
  doc.setModificationDate(context.now);
  const w = new Writer(doc, await doc.embedFont(fonts.regular, { subset: true }), await doc.embedFont(fonts.bold, { subset: true }), { ink: rgb(0.1, 0.1, 0.12), accent: rgb(0.0, 0.27, 0.53) });
  for (const c of certificates) writeCertificate(w, c);
  return doc.save();
}

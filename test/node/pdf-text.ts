// Reads a PDF back with an independent reader (Mozilla's pdf.js, its legacy build for Node):
// the text of each page, so a test checks what a person opening the file would read.
import { fileURLToPath } from 'node:url';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';

// The reader's own copies of the 14 standard fonts, so it reads Helvetica as a reader would.
const standardFontDataUrl = fileURLToPath(new URL('../../node_modules/pdfjs-dist/standard_fonts/', import.meta.url));

export async function pdfPages(bytes: Uint8Array | ArrayBuffer): Promise<string[]> {
  const data = bytes instanceof Uint8Array ? new Uint8Array(bytes) : new Uint8Array(bytes);
  const doc = await getDocument({ data, useSystemFonts: false, isEvalSupported: false, standardFontDataUrl }).promise;
  const pages: string[] = [];
  for (let i = 1; i <= doc.numPages; i++) {
    const content = await (await doc.getPage(i)).getTextContent();
    pages.push(
      content.items
        .map((item) => ('str' in item ? item.str + (item.hasEOL ? '\n' : ' ') : ''))
        .join('')
        .replace(/ +\n/g, '\n'),
    );
  }
  await doc.destroy();
  return pages;
}

/** The metadata a reader shows: title and language. */
export async function pdfInfo(bytes: Uint8Array): Promise<{ title?: string; language?: string }> {
  const doc = await getDocument({ data: new Uint8Array(bytes), isEvalSupported: false, standardFontDataUrl }).promise;
  const { info } = (await doc.getMetadata()) as { info: { Title?: string; Language?: string } };
  await doc.destroy();
  return { ...(info.Title && { title: info.Title }), ...(info.Language && { language: info.Language }) };
}

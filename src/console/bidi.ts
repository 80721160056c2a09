import { html, type TemplateResult } from 'lit';

/**
 * A name someone typed (a participant, an organiser, an organisation), in its own <bdi>: an
 * Arabic or Hebrew name keeps its direction, and the sentence around it keeps its order.
 */
export const bdi = (name: string): TemplateResult => html`<bdi>${name}</bdi>`;

/** A sentence of ours around a name: the catalogue's sentence with the name as markup (see `bdi`). */
export function sayingWho(sentence: (who: string) => string, name: TemplateResult): TemplateResult {
  const [before, after] = sentence('\u0000').split('\u0000');
  return html`${before}${name}${after}`;
}

import { css } from 'lit';

/**
 * Base styles shared by every element. Public custom properties are `--leerkring-*`; each falls
 * back to an NL Design System common token where one fits, so a site's theme carries over,
 * and then to the host page's own font and colours.
 *
 * Notes on the rules below; written here rather than as CSS comments, which would ship in the
 * bundle. `overflow-wrap` and `hyphens`: long Dutch compounds and e-mail addresses break instead
 * of overflowing a narrow column; `anywhere` (not `break-word`) also lowers an element's
 * smallest width, so a grid or flex row at 320 px and 200% text does not widen the page. It is
 * set on `:host > *`, where a page's `* { overflow-wrap: normal }` cannot reach, and inherited
 * from there by everything inside. `--_leerkring-*`: private shorthands, not an API. `:host > *`:
 * page selectors cannot reach inside, but inherited properties can, and these would make text
 * hard to read when a page sets them on everything (`* { text-transform: uppercase }`). Letter,
 * word and line spacing are not reset: a person's own text spacing (WCAG 1.4.12, a user style
 * or a bookmarklet on `*`) must reach the text inside. Colours: a host's own tokens win; without
 * them each colour has a light and a dark value (`light-dark()`), chosen by the host page's
 * `color-scheme`, each AA on that scheme's background. In a dark scheme the primary button is
 * outlined in the accent, since white text on a light accent would fail. No rule for
 * `prefers-reduced-motion`: nothing inside the elements moves (no transition, no animation),
 * and a page's own styles do not reach inside.
 */
export const baseStyles = css`
  :host {
    display: block;
    box-sizing: border-box;
    font-family: var(--leerkring-font-family, var(--utrecht-document-font-family, inherit));
    font-size: var(--leerkring-font-size, var(--utrecht-document-font-size, 1rem));
    line-height: var(--leerkring-line-height, var(--utrecht-document-line-height, 1.5));
    color: var(--leerkring-color, var(--utrecht-document-color, CanvasText));
    hyphens: auto;
    --_leerkring-accent: var(--leerkring-accent-color, var(--utrecht-link-color, light-dark(#01689b, #8cc8f0)));
    --_leerkring-muted: var(--leerkring-muted-color, var(--utrecht-form-field-description-color, light-dark(#535353, #b8b8b8)));
    --_leerkring-border: var(--leerkring-border-color, light-dark(#8a8a8a, #8f8f8f));
    --_leerkring-surface: var(--leerkring-surface-color, Canvas);
    --_leerkring-focus: var(--leerkring-focus-outline-color, var(--utrecht-focus-outline-color, CanvasText));
    --_leerkring-danger: var(--leerkring-danger-color, var(--utrecht-form-field-error-message-color, light-dark(#b3001b, #ff9aa2)));
    --_leerkring-radius: var(--leerkring-border-radius, 4px);
  }
  :host([hidden]) {
    display: none;
  }
  :host > * {
    overflow-wrap: anywhere;
    text-transform: none;
    text-indent: 0;
    text-align: start;
    white-space: normal;
    font-style: normal;
  }
  *,
  *::before,
  *::after {
    box-sizing: border-box;
  }
  button,
  input,
  select,
  textarea {
    letter-spacing: inherit;
    word-spacing: inherit;
    line-height: inherit;
  }
  h2,
  h3,
  h4,
  h5,
  h6,
  p,
  ul,
  ol {
    margin-block: 0 0.5em;
  }
  a {
    color: var(--_leerkring-accent);
    text-underline-offset: 0.15em;
  }
  a:hover {
    text-decoration-thickness: 2px;
  }
  :focus-visible {
    outline: 3px solid var(--_leerkring-focus);
    outline-offset: 2px;
    box-shadow: 0 0 0 5px var(--_leerkring-surface);
  }
  .button {
    display: inline-flex;
    align-items: center;
    min-block-size: 44px;
    min-inline-size: 44px;
    padding-block: 0.5em;
    padding-inline: 1em;
    border: 2px solid var(--_leerkring-accent);
    border-radius: var(--_leerkring-radius);
    background: var(--leerkring-button-background-color, var(--utrecht-button-primary-action-background-color, light-dark(var(--_leerkring-accent), transparent)));
    color: var(--leerkring-button-color, var(--utrecht-button-primary-action-color, light-dark(#fff, var(--_leerkring-accent))));
    font: inherit;
    font-weight: 600;
    text-decoration: none;
    cursor: pointer;
    max-inline-size: 100%;
    text-align: start;
  }
  .button.secondary {
    background: transparent;
    color: var(--_leerkring-accent);
  }
  .linklike {
    border: 0;
    background: none;
    font: inherit;
    color: var(--_leerkring-accent);
    text-decoration: underline;
    cursor: pointer;
    padding: 0;
    min-block-size: 24px;
  }
  .visually-hidden {
    position: absolute;
    inline-size: 1px;
    block-size: 1px;
    overflow: hidden;
    clip-path: inset(50%);
    white-space: nowrap;
  }
  @media (forced-colors: active) {
    .button {
      border-color: ButtonText;
      background: ButtonFace;
      color: ButtonText;
    }
  }
`;

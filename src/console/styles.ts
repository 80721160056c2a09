import { css } from 'lit';
import { baseStyles } from '../components/shared/styles.js';

/**
 * The console's look: the public elements' base styles (focus ring, 44 px buttons, fields),
 * plus what a working screen needs: cards, a tab bar, toolbars and large check-in targets.
 */
export const consoleStyles = [
  baseStyles,
  css`
    h1 {
      font-size: 1.75rem;
      margin-block: 0 0.75rem;
    }
    h2 {
      font-size: 1.3rem;
    }
    h3 {
      font-size: 1.1rem;
    }
    h1:focus {
      outline: none;
    }
    .muted {
      color: var(--_leerkring-muted);
    }
    .cards {
      list-style: none;
      padding: 0;
      display: grid;
      gap: 1rem;
      grid-template-columns: repeat(auto-fill, minmax(min(100%, 20rem), 1fr));
    }
    .card {
      border: 1px solid var(--_leerkring-border);
      border-radius: var(--_leerkring-radius);
      padding: 1rem;
      background: var(--_leerkring-surface);
    }
    dl.facts {
      display: grid;
      /* The labels take at most half the width, so a long value wraps instead of widening the page. */
      grid-template-columns: fit-content(50%) minmax(0, 1fr);
      gap: 0.25rem 1rem;
      margin: 0.5rem 0;
    }
    dl.facts dt {
      font-weight: 600;
    }
    dl.facts dd {
      margin: 0;
      overflow-wrap: anywhere;
    }
    .toolbar {
      display: flex;
      flex-wrap: wrap;
      gap: 0.75rem 1rem;
      align-items: end;
      margin-block: 0 1rem;
    }
    /* At 320 px with 200% text nothing may widen the page (WCAG 1.4.10): a long unbroken name
       breaks, a fieldset does not grow to its widest field, a field never outgrows its row. */
    :host {
      overflow-wrap: anywhere;
    }
    fieldset {
      min-inline-size: 0;
    }
    .field,
    .toolbar > * {
      min-inline-size: 0;
      max-inline-size: 100%;
    }
    input,
    select,
    textarea {
      box-sizing: border-box;
    }
    nav.tabs li,
    nav.tabs a {
      max-inline-size: 100%;
    }
    .field {
      display: flex;
      flex-direction: column;
      gap: 0.25rem;
      margin-block: 0 1rem;
    }
    .toolbar .field {
      margin: 0;
    }
    label {
      font-weight: 600;
    }
    .hint {
      color: var(--_leerkring-muted);
      font-size: 0.95em;
    }
    .error-text {
      color: var(--_leerkring-danger);
      font-weight: 600;
    }
    input[type='search'],
    input[type='email'],
    input[type='text'],
    select,
    textarea {
      font: inherit;
      min-block-size: 44px;
      padding: 0.4em 0.6em;
      border: 2px solid var(--_leerkring-border);
      border-radius: var(--_leerkring-radius);
      background: var(--_leerkring-surface);
      color: inherit;
      max-inline-size: 100%;
    }
    input[aria-invalid='true'],
    textarea[aria-invalid='true'] {
      border-color: var(--_leerkring-danger);
    }
    textarea {
      inline-size: 100%;
      min-block-size: 5em;
    }
    nav.tabs ul {
      list-style: none;
      display: flex;
      flex-wrap: wrap;
      gap: 0.25rem;
      padding: 0;
      margin: 0 0 1.25rem;
      border-block-end: 2px solid var(--_leerkring-border);
    }
    nav.tabs a {
      display: inline-flex;
      align-items: center;
      min-block-size: 44px;
      padding-inline: 0.85rem;
      text-decoration: none;
      border-block-end: 4px solid transparent;
    }
    nav.tabs a[aria-current='page'] {
      border-block-end-color: var(--_leerkring-accent);
      font-weight: 700;
      color: inherit;
    }
    .badge {
      display: inline-block;
      padding: 0 0.5em;
      border-radius: 1em;
      border: 1px solid currentColor;
      font-size: 0.9em;
    }
    .row {
      display: flex;
      flex-wrap: wrap;
      gap: 0.5rem 1rem;
      align-items: center;
      justify-content: space-between;
    }
    .check {
      display: flex;
      gap: 0.5rem;
      align-items: center;
      min-block-size: 44px;
    }
    .check input {
      flex: none;
      inline-size: 24px;
      block-size: 24px;
      margin: 0;
    }
    .status-line {
      min-block-size: 1.5em;
    }
    textarea.code {
      font-family: ui-monospace, 'Cascadia Mono', Consolas, monospace;
      inline-size: 100%;
      box-sizing: border-box;
    }
    .error-summary {
      border: 4px solid var(--_leerkring-danger);
      padding: 0.75rem 1rem;
      margin-block: 1rem;
    }
    pre.mail {
      white-space: pre-wrap;
      overflow-wrap: anywhere;
      font: inherit;
      padding: 0.75rem;
      border-inline-start: 4px solid var(--_leerkring-border);
      margin-block: 0.5rem 1rem;
    }
    fieldset {
      border: none;
      padding: 0;
      margin: 0 0 1rem;
    }
    legend {
      font-weight: 600;
      padding: 0;
      margin-block-end: 0.25rem;
    }
    .confirm {
      border: 2px solid var(--_leerkring-danger);
      border-radius: var(--_leerkring-radius);
      padding: 0.75rem;
      margin-block: 0.5rem;
    }
    code.secret {
      display: block;
      padding: 0.75rem;
      border: 2px dashed var(--_leerkring-border);
      word-break: break-all;
      user-select: all;
    }
    @media print {
      nav,
      .toolbar,
      .no-print {
        display: none !important;
      }
    }
  `,
];

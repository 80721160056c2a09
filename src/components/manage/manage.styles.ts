import { css } from 'lit';

export const manageStyles = css`
  :host {
    --_leerkring-input-border: var(--leerkring-input-border-color, var(--utrecht-form-control-border-color, light-dark(#535353, #a6a6a6)));
  }
  section {
    display: grid;
    grid-template-columns: minmax(0, 1fr);
    gap: 1em;
    max-inline-size: 40rem;
  }
  .facts {
    display: grid;
    grid-template-columns: minmax(0, max-content) minmax(0, 1fr);
    gap: 0.25em 1em;
    margin: 0;
  }
  .facts dt {
    font-weight: 600;
  }
  .facts dd {
    margin: 0;
    min-inline-size: 0;
  }
  .actions {
    display: flex;
    flex-wrap: wrap;
    gap: 0.75em;
  }
  .button {
    max-inline-size: 100%;
    white-space: normal;
    text-align: start;
  }
  .panel {
    border-inline-start: 4px solid var(--_leerkring-border);
    padding-inline-start: 1em;
    display: grid;
    gap: 0.75em;
  }
  .notice {
    border-inline-start: 4px solid var(--_leerkring-accent);
    padding-inline-start: 1em;
  }
  form,
  fieldset {
    display: grid;
    grid-template-columns: minmax(0, 1fr);
    gap: 0.75em;
    border: 0;
    padding: 0;
    margin: 0;
    min-inline-size: 0;
  }
  label,
  legend {
    font-weight: 600;
  }
  .choice {
    display: flex;
    gap: 0.5em;
    align-items: flex-start;
    min-block-size: 44px;
  }
  .choice input {
    inline-size: 24px;
    block-size: 24px;
    margin: 0.1em 0 0;
    flex: none;
  }
  .choice label {
    font-weight: 400;
    min-inline-size: 0;
  }
  input[type='email'],
  input[type='url'] {
    font: inherit;
    min-block-size: 44px;
    padding: 0.4em 0.5em;
    border: 2px solid var(--_leerkring-input-border);
    border-radius: var(--_leerkring-radius);
    background: var(--leerkring-input-background-color, var(--utrecht-form-control-background-color, Field));
    color: var(--leerkring-input-color, var(--utrecht-form-control-color, FieldText));
    inline-size: 100%;
    max-inline-size: 30rem;
  }
  input[aria-invalid='true'] {
    border-color: var(--_leerkring-danger);
  }
  .error {
    color: var(--_leerkring-danger);
    font-weight: 600;
    margin: 0;
  }
  [tabindex='-1']:focus {
    outline: none;
  }
`;

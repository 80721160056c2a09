import { css } from 'lit';

export const signupStyles = css`
  :host {
    --_leerkring-input-border: var(--leerkring-input-border-color, var(--utrecht-form-control-border-color, light-dark(#535353, #a6a6a6)));
  }
  form {
    display: grid;
    grid-template-columns: minmax(0, 1fr);
    gap: 1.25em;
    max-inline-size: 40rem;
  }
  .field {
    display: grid;
    gap: 0.25em;
  }
  label,
  legend {
    font-weight: 600;
  }
  .hint {
    color: var(--_leerkring-muted);
    margin: 0;
  }
  .error {
    color: var(--_leerkring-danger);
    font-weight: 600;
    margin: 0;
  }
  .field.invalid {
    border-inline-start: 4px solid var(--_leerkring-danger);
    padding-inline-start: 0.75em;
  }
  input:not([type='checkbox']):not([type='radio']),
  select,
  textarea {
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
  [aria-invalid='true'] {
    border-color: var(--_leerkring-danger);
  }
  input.narrow {
    max-inline-size: 8rem;
  }
  fieldset {
    border: 0;
    padding: 0;
    margin: 0;
    display: grid;
    gap: 0.5em;
    min-inline-size: 0;
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
  .error-summary {
    border: 4px solid var(--_leerkring-danger);
    padding: 1em;
  }
  .error-summary:focus {
    outline: 3px solid var(--_leerkring-focus);
  }
  .error-summary ul,
  .calendars ul {
    margin: 0;
    padding-inline-start: 1.25em;
  }
  .error-summary a {
    color: var(--_leerkring-danger);
    font-weight: 600;
  }
  .calendars li li a,
  .calendars .linklike {
    display: inline-block;
    padding-block: 0.25em;
  }
  .notice {
    border-inline-start: 5px solid var(--_leerkring-accent);
    padding-inline-start: 1em;
  }
  .privacy {
    font-size: 0.95em;
  }
  .outcome [tabindex] {
    outline-offset: 4px;
  }
  @media (forced-colors: active) {
    .field.invalid,
    .error-summary {
      border-color: CanvasText;
    }
  }
`;

import { css } from 'lit';

export const agendaStyles = css`
  .sessions {
    list-style: none;
    margin: 0;
    padding: 0;
  }
  .session {
    padding-block: var(--leerkring-agenda-session-gap, 1rem);
    border-block-end: 1px solid var(--_leerkring-border);
  }
  .session[data-status='cancelled'] .title {
    text-decoration: line-through;
  }
  .title {
    font-size: 1.15em;
    margin-block-end: 0.25em;
  }
  /* Months far down a long agenda are laid out only when they come near the screen. */
  .month {
    content-visibility: auto;
    contain-intrinsic-size: auto 40rem;
  }
  .programme ul {
    margin: 0;
    padding-inline-start: 1.25em;
  }
  .programme-time {
    font-variant-numeric: tabular-nums;
    font-weight: 600;
  }
  .subscribe {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5em 1.5em;
  }
  .subscribe a {
    display: inline-block;
    padding-block: 0.6em;
  }
  .month-heading {
    font-size: 1.05em;
    margin-block: 1.25em 0;
  }
  .month-heading::first-letter {
    text-transform: uppercase;
  }
  .when {
    font-weight: 600;
  }
  .meta {
    color: var(--_leerkring-muted);
  }
  .badge {
    display: inline-block;
    padding-inline: 0.5em;
    border: 2px solid currentColor;
    border-radius: var(--_leerkring-radius);
    font-weight: 600;
  }
  .badge.cancelled {
    color: var(--_leerkring-danger);
  }
  .availability {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5em 1em;
    align-items: center;
    margin-block: 0.5em;
  }
  .availability p {
    margin: 0;
  }
  .notice {
    border-inline-start: 5px solid var(--_leerkring-accent);
    padding-inline-start: 1em;
  }
  .series-action {
    margin-block: 1em;
  }
  details.calendar summary {
    display: inline-flex;
    align-items: center;
    min-block-size: 44px;
    cursor: pointer;
    color: var(--_leerkring-accent);
    text-decoration: underline;
  }
  .resources-heading {
    font-size: 1em;
    margin-block: 0.75em 0.25em;
  }
  .description {
    max-inline-size: 65ch;
  }
  @media (forced-colors: active) {
    .badge {
      border-color: CanvasText;
      color: CanvasText;
    }
  }
`;

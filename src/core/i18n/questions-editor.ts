/** The console's words for editing the questions of the registration form (issue 24, item 5). */
import type { Locale } from './format.js';

const nl = {
  heading: 'Vragen op het aanmeldformulier',
  intro: 'Deze vragen krijgt iedereen die zich aanmeldt, na naam en e-mailadres. Vraag alleen wat je echt nodig hebt.',
  none: 'Het formulier heeft nog geen eigen vragen.',
  question: (n: number) => `Vraag ${n}`,
  label: 'Tekst van de vraag',
  type: 'Soort antwoord',
  types: { text: 'Korte tekst', textarea: 'Lange tekst', choice: 'Keuze uit een lijst', 'yes-no': 'Ja of nee', number: 'Getal' } as Record<string, string>,
  required: 'Verplicht om te beantwoorden',
  reason: 'Waarom je dit vraagt (niet verplicht)',
  reasonHint: 'Staat bij de vraag op het formulier.',
  options: 'Keuzes, één per regel',
  min: 'Kleinste getal (niet verplicht)',
  max: 'Grootste getal (niet verplicht)',
  up: (n: number) => `Vraag ${n} omhoog`,
  down: (n: number) => `Vraag ${n} omlaag`,
  remove: (n: number) => `Vraag ${n} verwijderen`,
  add: 'Vraag toevoegen',
  check: 'Vragen controleren',
  checked: 'De vragen kloppen',
  save: 'Vragen opslaan',
  moved: (n: number) => `De vraag staat nu op plaats ${n}.`,
  removed: 'De vraag is weggehaald. Dat is pas definitief als je opslaat.',
  stale: 'Iemand anders heeft het netwerk opgeslagen terwijl jij de vragen aanpaste. Jouw vragen staan er nog; controleer ze opnieuw en sla op.',
};

const en: typeof nl = {
  heading: 'Questions on the registration form',
  intro: 'Everyone who registers gets these questions, after name and e-mail address. Only ask what you really need.',
  none: 'The form has no questions of its own yet.',
  question: (n: number) => `Question ${n}`,
  label: 'Text of the question',
  type: 'Kind of answer',
  types: { text: 'Short text', textarea: 'Long text', choice: 'Choice from a list', 'yes-no': 'Yes or no', number: 'Number' },
  required: 'Required',
  reason: 'Why you ask this (optional)',
  reasonHint: 'Shown beside the question on the form.',
  options: 'Choices, one per line',
  min: 'Lowest number (optional)',
  max: 'Highest number (optional)',
  up: (n: number) => `Question ${n} up`,
  down: (n: number) => `Question ${n} down`,
  remove: (n: number) => `Remove question ${n}`,
  add: 'Add a question',
  check: 'Check the questions',
  checked: 'The questions are valid',
  save: 'Save the questions',
  moved: (n: number) => `The question is now at place ${n}.`,
  removed: 'The question is taken out. That is final only when you save.',
  stale: 'Someone else saved the network while you were changing the questions. Your questions are still here; check them again and save.',
};

export type QuestionsEditorMessages = typeof nl;

export function questionsEditorMessages(locale: Locale): QuestionsEditorMessages {
  return locale === 'en' ? en : nl;
}

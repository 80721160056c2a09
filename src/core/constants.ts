/** The closed vocabularies of a network document, without the schema library (the browser needs these up front). */
export const NETWORK_KINDS = [
  'learning-network',
  'learning-circle',
  'community-of-practice',
  'intervision',
  'workshop',
  'other',
] as const;

export const ORGANISATION_TYPES = [
  'municipality',
  'province',
  'water-board',
  'national-government',
  'citizen-initiative',
  'civil-society',
  'knowledge-institution',
  'business',
  'political-party',
  'party-branch',
  'other',
] as const;

export const SESSION_TYPES = [
  'kick-off',
  'plenary',
  'thematic',
  'intervision',
  'learning-meeting',
  'info',
  'closing',
  'research',
  'dialogue',
  'reflection',
  'workshop',
  'other',
] as const;

export const SESSION_STATUSES = ['scheduled', 'moved', 'cancelled'] as const;
export const RESOURCE_TYPES = ['report', 'publication', 'newsletter', 'brochure', 'video', 'link', 'news'] as const;
export const REGISTRATION_MODES = ['built-in', 'external', 'email', 'closed'] as const;
export const REGISTRATION_SCOPES = ['network', 'session'] as const;
export const NETWORK_FORMATS = ['open', 'closed', 'in-company'] as const;
export const FIELD_USES = ['required', 'optional', 'off'] as const;
export const QUESTION_TYPES = ['text', 'textarea', 'choice', 'yes-no', 'number'] as const;


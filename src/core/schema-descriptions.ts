/**
 * What each field of a network document means, for the JSON Schema (json-schema.ts) that editors
 * show on hover and in completion: in English, with the Dutch words of the screens in quotes where
 * they differ. Kept apart from schema.ts, which the browser bundles carry: only the CLI and the
 * server write the JSON Schema. A test walks the generated schema and fails on any property
 * without a description, so a new field in schema.ts needs its line here.
 */

/** The fields of an organisation (organisers, partners, funders, sponsors, members). */
const organisation: Record<string, string> = {
  name: 'The organisation\'s name as it is shown ("Provincie Gelderland").',
  type: 'The kind of organisation ("soort organisatie"): municipality (gemeente), province (provincie), water board (waterschap), national government (rijk), citizen initiative (burgerinitiatief) and so on.',
  url: "The organisation's website (https).",
  role: 'What the organisation does for the network, in the document\'s language ("financier", "gastheer").',
};

/** The fields of a person (facilitators, speakers). */
const person: Record<string, string> = {
  name: "The person's name as it is shown.",
  role: 'Their role or job title ("begeleider", "spreker", "onderzoeker").',
  organisation: 'The organisation they work for.',
};

/** The fields of a resource (report, video, …) of the network or of one session. */
const resource: Record<string, string> = {
  type: 'What it is: report ("verslag"), publication ("publicatie"), newsletter ("nieuwsbrief"), brochure, video, link or news ("nieuws").',
  title: 'Its title as it is shown.',
  url: 'Where to read or watch it (https).',
  date: 'When it appeared (YYYY-MM-DD).',
  description: 'A short description in the document\'s language.',
  participantsOnly: 'Shown only to accepted participants ("alleen voor deelnemers"), for example the online workplace between meetings.',
};

/** The fields of a place (a physical or hybrid venue). */
const venue: Record<string, string> = {
  type: 'The kind of venue ("locatie"): physical (a building), online, hybrid (both), or to-be-announced ("locatie volgt").',
  name: 'The name of the building or place ("Provinciehuis").',
  room: 'The room in the building ("zaal 2.14"), shown after the name.',
  address: 'Street and number.',
  postalCode: 'The postal code, in the form of its country ("1234 AB" in the Netherlands, "1000" in Belgium).',
  city: 'The town or city ("plaats"); for a venue still to be announced, the city where known.',
  country: 'ISO 3166-1 alpha-2 code ("BE"); absent means the Netherlands.',
  accessibility: 'Getting there ("bereikbaarheid"): parking, public transport, step-free access, a hearing loop.',
  note: 'A note on the venue, shown with it on the page, in e-mails ("Waar:") and in calendar items ("bij een van de deelnemende gemeenten", "zaal volgt").',
  platform: 'The online platform ("Teams", "Zoom").',
  joinUrl: 'The online join link ("deelnamelink"). Never public: only people with a place get it, in their e-mails, calendar items and personal feed.',
  participantsOnly: 'Keep the address for people with a place ("adres alleen voor deelnemers"): the public page, document and feed show the date and city only; e-mails, calendar items and the manage page carry it all.',
};

/** Extra places only some organisations may take ("gereserveerde plaatsen"), on a session or on the registration. */
const reserved: Record<string, string> = {
  '': 'Extra places on top of capacity that only the named organisations or organisation types may take ("gereserveerde plaatsen"), for example five for the host municipality.',
  '.places': 'How many extra places are reserved.',
  '.organisations': 'The organisations that may take them, by name as people write it.',
  '.organisationTypes': 'The organisation types that may take them.',
  '.explanation': 'The sentence about the reserved places, in the document\'s language.',
};

/** Fields by their path in the document; `[]` stands for every item of a list. Objects of a shared shape are filled from the maps above. */
const fields: Record<string, string> = {
  $schema: 'The address of this JSON Schema, for completion in an editor.',
  id: 'The network\'s id: lower-case letters, digits and hyphens; part of its web address and of its calendar items\' UIDs. Never change it once people registered.',
  kind: 'What kind of network it is: learning network ("leernetwerk"), learning circle ("leerkring"), community of practice ("werkplaats"), intervision ("intervisie"), workshop and so on.',
  title: 'The network\'s name as it is shown.',
  subtitle: 'A line under the title.',
  summary: 'One or two sentences on what the network is, for lists and search results.',
  description: 'What the network is: paragraphs separated by a blank line; "- " starts a list item; [text](https://…) is a link. Nothing else.',
  language: 'The language the network\'s own words are in: "nl" (Dutch, the default), "en" (English) or "fy" (Frisian, "Frysk"). Marked with lang wherever the page\'s language differs.',
  draft: 'Not public yet ("concept"): only its organisers see it; the public list, page, feed and registration do not know it. New networks and copies start as drafts.',
  url: 'The network\'s own web page (https).',
  publishedOn: 'The date the network was announced (YYYY-MM-DD).',
  organisers: 'Who runs the network ("organisatie"): at least one organisation.',
  partners: 'Organisations the network is run with ("i.s.m.", in samenwerking met).',
  funders: 'Organisations that pay for the network ("financiers").',
  sponsors: 'Sponsors of the network.',
  contact: 'Who people can ask ("contactpersoon"); its e-mail address also receives the organisers\' notices and is the ORGANIZER of calendar items.',
  'contact.name': 'The contact\'s name.',
  'contact.email': 'The contact\'s e-mail address; answers to participants\' e-mails go here.',
  'contact.phone': 'A phone number ("telefoonnummer"): digits, spaces, +, ( ) and -.',
  'contact.role': 'The contact\'s role ("programmamanager").',
  facilitators: 'People who guide the network\'s sessions ("begeleiders").',
  membership: 'A closed network\'s core group ("kerngroep"): who its members are.',
  'membership.explanation': 'Who belongs, shown instead of "Alleen op uitnodiging" (by invitation only).',
  'membership.organisations': 'The member organisations, shown by <leerkring-about>.',
  audience: 'For whom the network is ("voor wie").',
  'audience.organisationTypes': 'The kinds of organisation it is for; the catalogue filters on them.',
  'audience.tags': 'Words for the people it is for ("beleidsmedewerkers", "wethouders").',
  'audience.description': 'For whom, in a sentence or two.',
  format: 'How people take part: open (anyone who may register), closed (by invitation only, "besloten") or in-company (on request for one organisation, "incompany").',
  price: 'What taking part costs ("kosten"): free ("gratis"), an amount, on request ("op aanvraag"), or per organisation type.',
  'price.type': 'free, amount, on-request or per-organisation-type.',
  'price.amount': 'The amount in euros for everyone ("€ 95").',
  'price.currency': 'Always "EUR".',
  'price.note': 'A sentence with the price, in the document\'s language ("Gemeenten in Gelderland nemen gratis deel.").',
  'price.rates': 'Per organisation type: the first rate that names a person\'s type applies.',
  'price.rates[].organisationTypes': 'The organisation types this rate is for (a type once over all rates).',
  'price.rates[].amount': 'The amount in euros for these types (0 is free, "gratis").',
  'price.otherwise': 'The amount in euros for every other type ("Andere organisaties").',
  groupSize: 'Group size of one run, for in-company formats ("max. 20 deelnemers").',
  'groupSize.min': 'The smallest group.',
  'groupSize.max': 'The largest group.',
  durationDays: 'How many days the programme takes, where it is a course ("duur").',
  themes: 'Themes of the network ("thema\'s"); the catalogue filters on them.',
  resources: 'Reports, publications, videos and links of the network as a whole.',
  tracks: 'Tracks ("sporen") within the network: sessions name their track.',
  'tracks[].id': 'The track\'s id, named by sessions in their track.',
  'tracks[].title': 'The track\'s name as it is shown.',
  'tracks[].description': 'What the track is about.',
  'tracks[].format': 'open, or closed: a closed track takes no registrations; people are invited.',
  sessions: 'The meetings of the network ("bijeenkomsten"), in any order; the elements show them by date.',
  'sessions[].id': 'The session\'s id: lower-case letters, digits and hyphens; part of its calendar item\'s UID. Never change it once people registered.',
  'sessions[].title': 'The session\'s title as it is shown.',
  'sessions[].type': 'What kind of meeting it is: kick-off ("aftrap"), plenary ("plenair"), thematic ("themabijeenkomst"), workshop, excursion and so on.',
  'sessions[].theme': 'Its theme, shown with the title.',
  'sessions[].track': 'The id of the track it belongs to.',
  'sessions[].description': 'What happens at the session; paragraphs as in the network\'s description.',
  'sessions[].start': 'Exact start ("aanvang"): Amsterdam wall time "2026-03-12T19:30" or an instant with offset.',
  'sessions[].end': 'Exact end ("einde"), as start; may be a later day for a session over more days.',
  'sessions[].date': 'Date only (YYYY-MM-DD), when the time is not known yet.',
  'sessions[].period': 'For a session without a date ("datum volgt"): a hint such as "voorjaar 2026".',
  'sessions[].doorsOpen': 'When the doors open ("inloop"), HH:MM.',
  'sessions[].venue': 'Where it is ("locatie"): physical, online, hybrid or to be announced.',
  'sessions[].partners': 'Organisations this session is run with ("i.s.m.").',
  'sessions[].facilitators': 'Who guides this session ("begeleiding").',
  'sessions[].speakers': 'Who speaks at this session ("sprekers").',
  'sessions[].programme': 'The programme of the session ("programma"): items with a time.',
  'sessions[].programme[].time': 'When the item starts, HH:MM.',
  'sessions[].programme[].end': 'When the item ends, HH:MM.',
  'sessions[].programme[].title': 'What happens then.',
  'sessions[].programme[].description': 'More about the item.',
  'sessions[].programme[].day': 'In a session over more days: the day of the session the item is on, 1 being the day it starts (the default); shown by day ("dag") with its date.',
  'sessions[].status': 'scheduled (the default), moved ("verplaatst") or cancelled ("gaat niet door").',
  'sessions[].statusNote': 'A sentence on the status ("Verplaatst vanwege de storm"), shown with it and in the calendar item.',
  'sessions[].movedFrom': 'Earlier starts of a moved session, oldest first; calendars use the count as SEQUENCE.',
  'sessions[].capacity': 'Places at this session ("plaatsen"). Where people register per session, its capacity; inside a series, places of its own with its own waiting list (a hybrid closing in a room of 40).',
  'sessions[].resources': 'Reports, videos and links of this session ("verslag", "video").',
  'sessions[].optional': 'In a registration for the whole series: a session people may skip; the form asks "Kom je ook naar …?" (also coming? yes/no).',
  'sessions[].chooseOne': 'In a registration for the whole series: sessions with the same value run in parallel; a person joins exactly one of them ("Kies één van deze bijeenkomsten").',
  registration: 'How people register ("aanmelden"): where, for what, under which rules.',
  'registration.mode': 'built-in (the form and the server), external (a form elsewhere, at url), email (an e-mail to the contact) or closed (no registration, "aanmelden is gesloten").',
  'registration.scope': 'What people register for: network (the whole series, "hele reeks", the default) or session (one meeting at a time).',
  'registration.url': 'The form elsewhere, for mode "external" (https).',
  'registration.opens': 'When registration opens: a date (the start of that day in Amsterdam) or a date and time.',
  'registration.closes': 'When registration closes ("aanmelden kan tot"): a bare date means the end of that day in Amsterdam.',
  'registration.capacity': 'Places ("plaatsen") for the whole series, or for each session where people register per session.',
  'registration.waitlist': 'The waiting list ("wachtlijst"): first come first served; a freed place goes to the first who still fits.',
  'registration.waitlist.enabled': 'Whether a full network or session keeps a waiting list; without one, a full one is refused.',
  'registration.waitlist.limit': 'At most this many people on the waiting list.',
  'registration.eligibility': 'Who may register: only these organisation types ("alleen voor …").',
  'registration.eligibility.organisationTypes': 'The organisation types that may register.',
  'registration.eligibility.explanation': 'The sentence shown to others, in the document\'s language.',
  'registration.declarations': 'Statements people tick ("verklaringen"), such as "Ik werk samen met een bewonersinitiatief".',
  'registration.declarations[].id': 'The declaration\'s id.',
  'registration.declarations[].text': 'The statement as it is shown beside its checkbox.',
  'registration.declarations[].required': 'Whether it must be ticked to register.',
  'registration.invitation': 'Invitation codes ("uitnodigingscode"): these organisation types may register only with a valid code.',
  'registration.invitation.organisationTypes': 'The organisation types that need a code.',
  'registration.invitation.explanation': 'The sentence shown about the code, in the document\'s language.',
  'registration.invitation.codes': 'The valid codes, each as its hash; the codes themselves are never stored.',
  'registration.invitation.codes[].hash': 'SHA-256 of the code, as "sha256:<hex>" (npx leerkring hash-code CODE).',
  'registration.invitation.allExcept': 'Instead of organisationTypes: every organisation type except these needs a code ("leden gratis, anderen met een code").',
  'registration.invitation.codes[].sessions': 'The session ids this code admits to; absent means every session.',
  'registration.invitation.codes[].label': 'For whom the code is, for the organisers ("gemeenten Achterhoek").',
  'registration.approval': 'An intake ("intake"): a registration waits until an organiser accepts or rejects it.',
  'registration.approval.required': 'Whether every registration waits for an organiser\'s decision.',
  'registration.approval.explanation': 'What happens next, shown on the form, in the document\'s language.',
  'registration.approval.contactWithinDays': 'Within how many days the organisers get in touch ("binnen 5 werkdagen").',
  'registration.approval.workingDays': 'Whether contactWithinDays counts working days ("werkdagen", the default) or calendar days; the screen and the e-mail both say which.',
  'registration.maxPerOrganisation': 'At most this many places per organisation ("per organisatie"); needs the organisation field.',
  'registration.organisations': 'The organisations people choose from; any other name is refused at the field.',
  'registration.organisations[].name': 'The organisation\'s name as it is stored.',
  'registration.organisations[].type': 'Its organisation type, filled in for the person.',
  'registration.fields': 'Which fields the form asks besides name and e-mail: required ("verplicht"), optional ("niet verplicht") or off.',
  'registration.fields.organisation': 'The organisation field ("Organisatie").',
  'registration.fields.organisationType': 'The organisation type field ("Soort organisatie").',
  'registration.fields.role': 'The job title field ("Functie").',
  'registration.fields.phone': 'The phone field ("Telefoonnummer").',
  'registration.questions': 'Questions of the network\'s own on the form ("vragen").',
  'registration.questions[].id': 'The question\'s id; answers are stored under it.',
  'registration.questions[].label': 'The question as it is shown.',
  'registration.questions[].type': 'text, textarea (several lines), choice, yes-no ("ja/nee") or number.',
  'registration.questions[].options': 'The answers to choose from, for type "choice".',
  'registration.questions[].options[].value': 'The stored value of the answer.',
  'registration.questions[].options[].label': 'The answer as it is shown.',
  'registration.questions[].required': 'Whether it must be answered.',
  'registration.questions[].reason': 'Why the network asks this; shown beside the question.',
  'registration.questions[].min': 'The smallest number, for type "number".',
  'registration.questions[].max': 'The largest number, for type "number".',
  'registration.privacy': 'Privacy ("privacy"): who is responsible, the statement, and how long data is kept.',
  'registration.privacy.statementUrl': 'The privacy statement ("privacyverklaring"), https.',
  'registration.privacy.controller': 'Who is responsible for the personal data ("verwerkingsverantwoordelijke").',
  'registration.privacy.retentionDays': 'Days after the network\'s last session that personal data is kept ("bewaartermijn"), 365 when absent.',
  'registration.cancelUntil': 'Until when a place can be given up on the manage page ("afmelden kan tot"); a bare date is the end of that day in Amsterdam.',
  'registration.emailSubject': 'The prepared subject of the e-mail, for mode "email".',
  'registration.reminderDaysBefore': 'Days before each dated session that registrants get a reminder ("herinnering"); 2 when absent, 0 sends none.',
  'registration.closesDaysBefore': 'Registration closes this many days before the session ("aanmelden kan tot 14 dagen voor de bijeenkomst"), through the end of that day in Amsterdam; for a whole series, before its first session.',
  'registration.freeCancellationDaysBefore': 'Cancelling is free until this many days before the session ("kosteloos afmelden tot 7 dagen voor"), through the end of that day; later the cancel is still possible and the fee stands ("de kosten blijven staan"), kept for the invoice.',
};

const shapes: [RegExp, Record<string, string>][] = [
  [/^(organisers|partners|funders|sponsors|membership\.organisations|sessions\[\]\.partners)\[\]\./, organisation],
  [/^(facilitators|sessions\[\]\.facilitators|sessions\[\]\.speakers)\[\]\./, person],
  [/^(resources|sessions\[\]\.resources)\[\]\./, resource],
  [/^sessions\[\]\.venue\./, venue],
  [/^(sessions\[\]|registration)\.reservedPlaces/, reserved],
];

/** The description of the field at `path` ("sessions[].venue.joinUrl"), or undefined when there is none. */
export function fieldDescription(path: string): string | undefined {
  if (Object.hasOwn(fields, path)) return fields[path];
  for (const [pattern, shape] of shapes) {
    const key = path.replace(pattern, '');
    if (key !== path && Object.hasOwn(shape, key)) return shape[key];
  }
  return undefined;
}

import { DEMO_NETWORKS } from './networks.js';

const id = new URLSearchParams(location.search).get('id');
const demo = DEMO_NETWORKS.find((n) => n.id === id) ?? DEMO_NETWORKS[0];

// Served by the reference server, the demo registers for real; as static files it shows the documents.
const api = await fetch('/api/networks', { headers: { accept: 'application/json' } }).then((r) => r.ok, () => false);

const network = document.createElement('leerkring-network');
if (api) {
  network.setAttribute('api', '');
  network.setAttribute('network-id', demo.id);
} else {
  network.setAttribute('src', `/demo/data/${demo.id}.json`);
}
if (demo.asOf) {
  network.setAttribute('now', demo.asOf);
  const note = document.getElementById('tijdreis');
  const day = new Intl.DateTimeFormat('nl-NL', { dateStyle: 'long', timeZone: 'Europe/Amsterdam' }).format(new Date(demo.asOf));
  note.textContent = `Demo: je ziet dit netwerk zoals het was op ${day}, zodat je de agenda en de aanmelding kunt proberen. De datums zijn de echte.`;
  note.hidden = false;
}
// The network's own words come from the document: title and description above the agenda,
// who organises it, practical details, contact and publications below the form.
const intro = document.createElement('leerkring-about');
intro.setAttribute('heading-level', '1');
intro.setAttribute('show', 'title description audience');
intro.setAttribute('structured-data', 'off');
const agenda = document.createElement('leerkring-agenda');
agenda.setAttribute('signup-href', '#aanmelden');
const signup = document.createElement('leerkring-signup');
signup.id = 'aanmelden';
const about = document.createElement('leerkring-about');
about.setAttribute('show', 'organisers practical contact resources');
network.append(intro, agenda, signup, about);
document.getElementById('plek').append(network);

network.addEventListener('leerkring-network-load', (e) => {
  const n = e.state.network;
  if (!n) return;
  document.title = `${n.title} – Gemeente Voorbeeld (demo)`;
});

import { DEMO_NETWORKS } from './networks.js';

const id = new URLSearchParams(location.search).get('id');
const demo = DEMO_NETWORKS.find((n) => n.id === id) ?? DEMO_NETWORKS[0];
const api = document.querySelector('meta[name="leerkring-api"]')?.getAttribute('content');

const network = document.createElement('leerkring-network');
if (api !== null && api !== undefined) {
  network.setAttribute('api', api);
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
const agenda = document.createElement('leerkring-agenda');
agenda.setAttribute('signup-href', '#aanmelden');
network.append(agenda);
document.getElementById('plek').append(network);

network.addEventListener('leerkring-network-load', (e) => {
  const n = e.state.network;
  if (!n) return;
  document.title = `${n.title} – Gemeente Voorbeeld (demo)`;
  document.getElementById('titel').textContent = n.title;
  document.getElementById('samenvatting').textContent = n.summary;
});

import { DEMO_NETWORKS } from './networks.js';

const place = document.getElementById('netwerken');
// Served by the reference server, the catalogue lists what the server knows, with places left and
// the next session; as static files (no API) the page lists the five demo documents by name.
const api = await fetch('/api/networks', { headers: { accept: 'application/json' } }).then((r) => r.ok, () => false);
if (api) {
  const catalogue = document.createElement('leerkring-catalogue');
  catalogue.setAttribute('api', '');
  catalogue.setAttribute('network-link', '/demo/netwerk.html?id={id}');
  place.append(catalogue);
} else {
  const list = document.createElement('ul');
  list.className = 'cards';
  for (const n of DEMO_NETWORKS) {
    const li = document.createElement('li');
    const a = document.createElement('a');
    a.href = `/demo/netwerk.html?id=${encodeURIComponent(n.id)}`;
    a.textContent = n.label;
    li.append(a);
    list.append(li);
  }
  place.append(list);
}

import { DEMO_NETWORKS } from './networks.js';

const list = document.getElementById('netwerken');
for (const n of DEMO_NETWORKS) {
  const li = document.createElement('li');
  const a = document.createElement('a');
  a.href = `/demo/netwerk.html?id=${encodeURIComponent(n.id)}`;
  a.textContent = n.label;
  li.append(a);
  list.append(li);
}

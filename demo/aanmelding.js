// The manage link carries the token after "#", so it never reaches a server log.
const token = new URLSearchParams(location.hash.slice(1)).get('token');
if (token) {
  const res = await fetch(`/api/registrations/${encodeURIComponent(token)}`);
  const place = document.getElementById('plek');
  if (res.ok) {
    const reg = await res.json();
    const signup = document.createElement('leerkring-signup');
    signup.setAttribute('api', '');
    signup.setAttribute('network-id', reg.networkId);
    signup.setAttribute('manage-token', token);
    place.replaceChildren(signup);
  } else {
    place.textContent = 'Deze aanmelding bestaat niet (meer).';
  }
}

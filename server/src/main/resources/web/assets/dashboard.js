// Renders the latest interactions. Email content is hostile: every value goes in through
// textContent, never parsed as markup, and the page's CSP forbids inline script besides.
const REFRESH_MS = 5000;
const tbody = document.querySelector('#interactions tbody');
const status = document.getElementById('status');

function cell(className, text, title) {
  const td = document.createElement('td');
  td.className = className;
  td.textContent = text ?? '';
  if (title) td.title = title;
  return td;
}

function person(p) {
  return p.name ? `${p.name} <${p.email}>` : p.email;
}

function row(item) {
  const tr = document.createElement('tr');
  tr.dataset.id = item.id;
  const when = new Date(item.occurredAt);
  const reps = item.reps.map((r) => `${r.name} (${r.direction ?? ''})`).join(', ');
  const external = item.participants.filter((p) => p.external).map(person).join(', ');
  tr.append(
    cell('when', when.toLocaleString(), item.occurredAt),
    cell('rep', reps),
    cell('participants', external),
    cell('subject', item.subject ?? '(subject not captured)'),
    cell('type', item.type),
  );
  return tr;
}

async function refresh() {
  try {
    const res = await fetch('/api/v1/interactions?limit=100', { credentials: 'same-origin' });
    if (res.status === 401) {
      window.location.assign('/login');
      return;
    }
    if (!res.ok) {
      const body = await res.json().catch(() => null);
      status.textContent = `Could not load interactions: ${body?.error?.message ?? res.status}`;
      return;
    }
    const { interactions } = await res.json();
    tbody.replaceChildren(...interactions.map(row));
    status.textContent = interactions.length === 0
      ? 'No customer interactions yet. They appear here seconds after a rep sends or opens a customer email.'
      : `${interactions.length} latest interactions · updated ${new Date().toLocaleTimeString()}`;
  } catch (e) {
    status.textContent = `Could not reach the server: ${e.message}`;
  }
}

async function showWho() {
  const res = await fetch('/api/v1/me', { credentials: 'same-origin' });
  if (!res.ok) return;
  const { user, org } = await res.json();
  document.getElementById('who').textContent = `${user.name} (${user.role}) · ${org.name}`;
  if (user.role === 'admin') addAdminLinks();
}

// The other pages render these links on the server; this page is static, so it adds them for admins.
function addAdminLinks() {
  const nav = document.querySelector('header nav');
  for (const [href, id, text] of [['/dashboard/admin/tokens', 'nav-tokens', 'Tokens'], ['/dashboard/admin/audit', 'nav-audit', 'Audit log']]) {
    if (document.getElementById(id)) continue;
    const a = document.createElement('a');
    a.href = href;
    a.id = id;
    a.className = 'idle';
    a.textContent = text;
    nav.append(a);
  }
}

showWho();
refresh();
setInterval(refresh, REFRESH_MS);

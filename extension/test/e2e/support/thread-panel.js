// The Gmail thread panel lives in a closed shadow root, out of reach of page scripts and of
// playwright's selectors; DevTools' DOM domain (pierce) reads it as the user sees it. Shared
// by the Gmail e2e test and scripts/bench-gmail-panel.js.

/** The panel's text as shown, or null while there is no panel. */
export async function panelText(page) {
  return withPanel(page, (host) => (host?.shadowRoots?.length ? textOf(host.shadowRoots[0]) : null));
}

/** Focuses the panel's "Don't log this thread" switch and presses Space, as a keyboard user does. */
export async function pressSpaceOnPanelSwitch(page) {
  await withPanel(page, async (host, cdp) => {
    const box = findNode(host.shadowRoots[0], (node) => node.localName === 'input');
    await cdp.send('DOM.focus', { backendNodeId: box.backendNodeId });
  });
  await page.keyboard.press('Space');
}

async function withPanel(page, use) {
  const cdp = await page.context().newCDPSession(page);
  try {
    const root = (await cdp.send('DOM.getDocument', { depth: -1, pierce: true })).root;
    return await use(findNode(root, (node) => node.localName === 'quietlog-thread-panel'), cdp);
  } finally {
    await cdp.detach();
  }
}

function findNode(node, test) {
  if (test(node)) return node;
  for (const child of [...(node.children ?? []), ...(node.shadowRoots ?? [])]) {
    const found = findNode(child, test);
    if (found) return found;
  }
  return null;
}

function textOf(node) {
  if (node.localName === 'style') return '';
  if (node.nodeType === 3) return node.nodeValue;
  return [...(node.children ?? [])].map(textOf).join(' ');
}

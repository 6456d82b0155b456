// A small stand-in for the chrome.* APIs the service worker modules use, so their flow runs
// in Node (with fake-indexeddb for IndexedDB). Storage is in memory; fetch is injected.
// chrome.storage.onChanged listeners hear every set and remove, as in Chrome.
export function installFakeChrome({ managed = {} } = {}) {
  const local = new Map();
  const managedValues = new Map(Object.entries(managed));
  const listeners = [];
  const changed = (name, keys) => {
    const changes = Object.fromEntries(keys.map((key) => [key, {}]));
    for (const listener of listeners) listener(changes, name);
  };
  const area = (map, name) => ({
    async get(keys) {
      if (keys == null) return Object.fromEntries(map);
      const list = typeof keys === 'string' ? [keys] : Array.isArray(keys) ? keys : Object.keys(keys);
      return Object.fromEntries(list.filter((key) => map.has(key)).map((key) => [key, structuredClone(map.get(key))]));
    },
    async set(values) {
      for (const [key, value] of Object.entries(values)) map.set(key, structuredClone(value));
      changed(name, Object.keys(values));
    },
    async remove(keys) {
      const list = typeof keys === 'string' ? [keys] : keys;
      for (const key of list) map.delete(key);
      changed(name, list);
    },
  });
  globalThis.chrome = {
    storage: { local: area(local, 'local'), managed: area(managedValues, 'managed'), onChanged: { addListener(listener) { listeners.push(listener); } } },
    alarms: { async create() {}, async clear() {}, async get() { return null; } },
    runtime: { id: 'test', getManifest: () => ({ version: '0.0.0-test' }), getURL: (p) => `chrome-extension://test/${p}` },
    permissions: { async contains() { return true; } },
  };
  return { local, managed: managedValues };
}

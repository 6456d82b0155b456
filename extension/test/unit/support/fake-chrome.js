// A small stand-in for the chrome.* APIs the service worker modules use, so their flow runs
// in Node (with fake-indexeddb for IndexedDB). Storage is in memory; fetch is injected.
export function installFakeChrome({ managed = {} } = {}) {
  const local = new Map();
  const managedValues = new Map(Object.entries(managed));
  const area = (map) => ({
    async get(keys) {
      if (keys == null) return Object.fromEntries(map);
      const list = typeof keys === 'string' ? [keys] : Array.isArray(keys) ? keys : Object.keys(keys);
      return Object.fromEntries(list.filter((key) => map.has(key)).map((key) => [key, structuredClone(map.get(key))]));
    },
    async set(values) {
      for (const [key, value] of Object.entries(values)) map.set(key, structuredClone(value));
    },
    async remove(keys) {
      for (const key of typeof keys === 'string' ? [keys] : keys) map.delete(key);
    },
  });
  globalThis.chrome = {
    storage: { local: area(local), managed: area(managedValues), onChanged: { addListener() {} } },
    alarms: { async create() {}, async clear() {}, async get() { return null; } },
    runtime: { id: 'test', getManifest: () => ({ version: '0.0.0-test' }), getURL: (p) => `chrome-extension://test/${p}` },
    permissions: { async contains() { return true; } },
  };
  return { local, managed: managedValues };
}

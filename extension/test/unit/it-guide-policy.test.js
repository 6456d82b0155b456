// The IT guide's Chrome policy examples (docs/it-guide.md, section 5) must use the keys and
// types of the schema the extension ships (src/managed_schema.json): Chrome drops a value that
// does not match the schema, so a typo there silently leaves a browser unconfigured.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { extensionPolicyFile } from '../e2e/support/chromium-policy.js';

const schema = JSON.parse(readFileSync(new URL('../../src/managed_schema.json', import.meta.url), 'utf8'));
const guide = readFileSync(new URL('../../../docs/it-guide.md', import.meta.url), 'utf8');
const section = guide.slice(guide.indexOf('## 5. Rolling the extension out by Chrome policy'), guide.indexOf('## 6.'));
const blocks = (language) => [...section.matchAll(new RegExp('```' + language + '\\n([\\s\\S]*?)```', 'g'))].map((m) => m[1]);
const typeOf = (value) => (typeof value === 'boolean' ? 'boolean' : typeof value === 'string' ? 'string' : 'other');

function assertMatchesSchema(settings, where) {
  assert.ok(Object.keys(settings).length > 0, `${where}: sets something`);
  for (const [key, value] of Object.entries(settings)) {
    assert.ok(Object.hasOwn(schema.properties, key), `${where}: "${key}" is not a key of managed_schema.json`);
    assert.equal(typeOf(value), schema.properties[key].type, `${where}: "${key}" must be a ${schema.properties[key].type}`);
  }
}

describe('IT guide: Chrome policy examples match managed_schema.json', () => {
  it('the key table lists exactly the schema keys, with their types', () => {
    const rows = [...section.matchAll(/^\| `(\w+)` \| (\w+) \|/gm)].map((m) => [m[1], m[2]]);
    assert.deepEqual(Object.fromEntries(rows), Object.fromEntries(Object.entries(schema.properties).map(([key, { type }]) => [key, type])));
  });

  it('Google Admin console: {"key": {"Value": value}}', () => {
    const [adminConsole] = blocks('json').filter((text) => text.includes('"Value"'));
    assert.ok(adminConsole, 'the Admin console example is there');
    const values = Object.fromEntries(Object.entries(JSON.parse(adminConsole)).map(([key, wrapped]) => {
      assert.deepEqual(Object.keys(wrapped), ['Value'], `Admin console: "${key}" is wrapped as {"Value": ...}`);
      return [key, wrapped.Value];
    }));
    assertMatchesSchema(values, 'Admin console');
  });

  it('Linux: the 3rdparty file has the shape the end-to-end test gives Chromium', () => {
    const [linux] = blocks('json').filter((text) => text.includes('3rdparty'));
    assert.ok(linux, 'the Linux example is there');
    const file = JSON.parse(linux);
    const settings = file['3rdparty'].extensions.EXTENSION_ID;
    assert.deepEqual({ ...file, ExtensionInstallForcelist: undefined }, { ...extensionPolicyFile('EXTENSION_ID', settings), ExtensionInstallForcelist: undefined });
    assertMatchesSchema(settings, 'Linux');
    assert.deepEqual(file.ExtensionInstallForcelist, ['EXTENSION_ID;https://clients2.google.com/service/update2/crx']);
  });

  it('Windows registry: values under 3rdparty\\extensions\\EXTENSION_ID\\policy', () => {
    const [registry] = blocks('reg');
    assert.ok(registry, 'the registry example is there');
    const keyPath = '[HKEY_LOCAL_MACHINE\\SOFTWARE\\Policies\\Google\\Chrome\\3rdparty\\extensions\\EXTENSION_ID\\policy]';
    assert.ok(registry.includes(keyPath), `the extension's policy key is ${keyPath}`);
    const lines = registry.slice(registry.indexOf(keyPath) + keyPath.length).split('\n').filter((line) => line.startsWith('"'));
    const values = Object.fromEntries(lines.map((line) => {
      const [, key, raw] = /^"(\w+)"=(.*)$/.exec(line);
      if (raw.startsWith('dword:')) return [key, Number.parseInt(raw.slice(6), 16) !== 0];
      return [key, JSON.parse(raw)];
    }));
    assertMatchesSchema(values, 'Windows registry');
  });

  it('macOS: keys of the com.google.Chrome.extensions.EXTENSION_ID payload', () => {
    const [plist] = blocks('xml');
    assert.ok(plist, 'the configuration profile example is there');
    const start = plist.indexOf('<string>com.google.Chrome.extensions.EXTENSION_ID</string>');
    assert.ok(start > 0, 'the extension payload is there');
    const payload = plist.slice(start, plist.indexOf('</dict>', start));
    const values = Object.fromEntries([...payload.matchAll(/<key>(\w+)<\/key>\s*(<string>([^<]*)<\/string>|<(true|false)\/>)/g)]
      .filter(([, key]) => !key.startsWith('Payload'))
      .map(([, key, , text, bool]) => [key, bool ? bool === 'true' : text]));
    assertMatchesSchema(values, 'macOS profile');
  });
});

// Builds the loadable extension into dist/ (or --out DIR): bundles the service worker,
// the pages and each content script, and copies the manifest, pages and icons.
// Also imported by the end-to-end test to build a copy that matches the fake Gmail.
import { build } from 'esbuild';
import { cp, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const SRC = path.join(ROOT, 'src');

// Built file named in manifest.json -> its source. Content scripts cannot be modules,
// so each is bundled alone as a classic script.
const MODULE_ENTRIES = {
  'background.js': 'background/main.js',
  'options/options.js': 'options/options.js',
  'options/sign-in.js': 'options/sign-in.js',
  'popup/popup.js': 'popup/popup.js',
  'popup/sign-in.js': 'popup/sign-in.js',
};
const CONTENT_ENTRIES = {
  'content/gmail-page-hook.js': 'providers/gmail/page-hook.js',
  'content/gmail-content.js': 'providers/gmail/content.js',
};
const STATIC_FILES = [
  'managed_schema.json',
  'options/options.html',
  'options/options.css',
  'popup/popup.html',
  'popup/popup.css',
  'icons',
];

/**
 * @param {object} [options]
 * @param {string} [options.outDir] where to write (default extension/dist)
 * @param {string[]} [options.extraHostMatches] match patterns added to every content
 *   script and to host_permissions; only tests use it, to reach a fake webmail
 * @param {(line: string) => void} [options.log]
 */
export async function buildExtension({ outDir = path.join(ROOT, 'dist'), extraHostMatches = [], log = console.log } = {}) {
  await rm(outDir, { recursive: true, force: true });
  await mkdir(outDir, { recursive: true });
  const manifest = JSON.parse(await readFile(path.join(SRC, 'manifest.json'), 'utf8'));

  const contentEntries = Object.entries(CONTENT_ENTRIES).filter(([built, source]) => {
    if (existsSync(path.join(SRC, source))) return true;
    log(`build: ${source} does not exist yet; leaving ${built} out of the manifest`);
    return false;
  });
  const builtContent = new Set(contentEntries.map(([built]) => built));
  manifest.content_scripts = (manifest.content_scripts ?? [])
    .map((script) => ({ ...script, js: script.js.filter((file) => builtContent.has(file)) }))
    .filter((script) => script.js.length > 0)
    .map((script) => ({ ...script, matches: [...script.matches, ...extraHostMatches] }));
  if (manifest.content_scripts.length === 0) delete manifest.content_scripts;
  if (extraHostMatches.length > 0) manifest.host_permissions = [...manifest.host_permissions, ...extraHostMatches];

  const common = { bundle: true, target: 'chrome116', sourcemap: true, logLevel: 'warning', legalComments: 'none' };
  await build({ ...common, format: 'esm', entryPoints: toEntryPoints(Object.entries(MODULE_ENTRIES)), outdir: outDir });
  if (contentEntries.length > 0) {
    await build({ ...common, format: 'iife', entryPoints: toEntryPoints(contentEntries), outdir: outDir });
  }
  for (const file of STATIC_FILES) {
    await cp(path.join(SRC, file), path.join(outDir, file), { recursive: true });
  }
  await writeFile(path.join(outDir, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  return outDir;
}

function toEntryPoints(entries) {
  return entries.map(([built, source]) => ({ in: path.join(SRC, source), out: built.replace(/\.js$/, '') }));
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const outIndex = process.argv.indexOf('--out');
  const outDir = outIndex > 0 ? path.resolve(process.argv[outIndex + 1]) : undefined;
  const written = await buildExtension({ outDir });
  console.log(`build: extension written to ${path.relative(process.cwd(), written) || '.'}`);
}

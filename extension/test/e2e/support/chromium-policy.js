// Writes and removes a machine policy file for Debian's Chromium, the way IT deploys Chrome
// policy on Linux: a JSON file in /etc/chromium/policies/managed/ (Google Chrome reads
// /etc/opt/chrome/policies/managed/). An extension's managed storage is the object under
// "3rdparty" -> "extensions" -> <extension id>. Chromium reads the directory at start.
//
// The directory belongs to root. The test runs as root (as .ci/run does) or uses `sudo -n`
// when that works without a password; otherwise it fails, saying so: a policy test that
// cannot set a policy must not pass.
import { execFileSync } from 'node:child_process';
import { existsSync, rmdirSync, rmSync } from 'node:fs';
import { mkdir, readdir, rm, rmdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { log } from './log.js';

export const CHROMIUM_POLICY_DIR = '/etc/chromium/policies/managed';

/** Pure: the policy file content that sets `settings` as the managed storage of one extension. */
export function extensionPolicyFile(extensionId, settings) {
  return { '3rdparty': { extensions: { [extensionId]: settings } } };
}

function sudoWorks() {
  try {
    execFileSync('sudo', ['-n', 'true'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/**
 * How this process may write the policy directory: directly as root, or through `sudo -n`.
 * Throws, with what to do, when neither works.
 */
export function policyWriter() {
  const root = typeof process.getuid === 'function' && process.getuid() === 0;
  if (root) return direct();
  if (sudoWorks()) return viaSudo();
  throw new Error(`The Chrome-policy test needs root to write ${CHROMIUM_POLICY_DIR} (the machine policy Chromium reads). `
    + 'Run it as root (as .ci/run does), or allow `sudo -n` for this user.');
}

// Should the test process end without its after hook (an uncaught error, Ctrl-C), the
// policy file still goes: a policy left behind would preconfigure a browser nobody expects.
const onExit = new Set();
function removeOnExit(remove) {
  if (onExit.size === 0) {
    process.once('exit', () => { for (const task of onExit) { try { task(); } catch { /* best effort */ } } });
    process.once('SIGINT', () => process.exit(130));
    process.once('SIGTERM', () => process.exit(143));
  }
  onExit.add(remove);
}

/** The directories from `dir` up that do not exist yet (deepest first), so they can be removed again. */
function missingDirs(dir) {
  const missing = [];
  for (let current = dir; !existsSync(current); current = path.dirname(current)) missing.push(current);
  return missing;
}

function direct() {
  let created = [];
  return {
    how: 'as root',
    async write(name, content) {
      if (created.length === 0) created = missingDirs(CHROMIUM_POLICY_DIR);
      await mkdir(CHROMIUM_POLICY_DIR, { recursive: true });
      const file = path.join(CHROMIUM_POLICY_DIR, name);
      await writeFile(file, JSON.stringify(content, null, 2), { mode: 0o644 });
      const dirs = created;
      removeOnExit(() => {
        rmSync(file, { force: true });
        for (const dir of dirs) rmdirSync(dir); // throws, and stops, at a directory not empty
      });
      log(`wrote Chromium policy ${file}`);
      return file;
    },
    async remove(name) {
      await rm(path.join(CHROMIUM_POLICY_DIR, name), { force: true });
      // Leave the machine as it was: the directories this test made go again when empty.
      for (const dir of created) {
        if (existsSync(dir) && (await readdir(dir)).length === 0) await rmdir(dir);
      }
      created = [];
    },
  };
}

function viaSudo() {
  const sudo = (args, input) => execFileSync('sudo', ['-n', ...args], { input, stdio: [input == null ? 'ignore' : 'pipe', 'ignore', 'inherit'] });
  let created = [];
  return {
    how: 'through sudo -n',
    async write(name, content) {
      if (created.length === 0) created = missingDirs(CHROMIUM_POLICY_DIR);
      sudo(['mkdir', '-p', CHROMIUM_POLICY_DIR]);
      const file = path.join(CHROMIUM_POLICY_DIR, name);
      sudo(['tee', file], JSON.stringify(content, null, 2));
      sudo(['chmod', '644', file]);
      const dirs = created;
      removeOnExit(() => {
        sudo(['rm', '-f', file]);
        for (const dir of dirs) sudo(['rmdir', dir]);
      });
      log(`wrote Chromium policy ${file} (sudo)`);
      return file;
    },
    async remove(name) {
      sudo(['rm', '-f', path.join(CHROMIUM_POLICY_DIR, name)]);
      for (const dir of created) {
        try {
          sudo(['rmdir', dir]); // fails, and stays, when not empty
        } catch {
          break;
        }
      }
      created = [];
    },
  };
}

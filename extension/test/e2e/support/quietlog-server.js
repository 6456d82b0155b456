// Starts and stops the real Quietlog server jar, and talks to its admin API.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { log } from './log.js';
import { waitFor } from './wait-for.js';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../..');
export const SERVER_JAR = path.join(REPO_ROOT, 'server/target/quietlog-server.jar');

export function assertServerBuilt() {
  if (!existsSync(SERVER_JAR)) {
    throw new Error(`The server jar ${SERVER_JAR} is not built. Build it first: mvn -q -f server/pom.xml package -DskipTests (from the repo root).`);
  }
}

/**
 * Runs `java -jar quietlog-server.jar serve` and waits for /health/ready.
 * @returns {Promise<{baseUrl: string, stop: () => Promise<void>, output: () => string}>}
 */
export async function startServer({ port, dataDir, env = {}, readyTimeoutMs = 120_000 }) {
  assertServerBuilt();
  const child = spawn('java', ['-jar', SERVER_JAR, 'serve'], {
    cwd: REPO_ROOT,
    env: {
      ...process.env,
      PORT: String(port),
      QUIETLOG_DATA_DIR: dataDir,
      QUIETLOG_INTERNAL_DOMAINS: 'acme.com',
      QUIETLOG_ADMIN_EMAIL: 'admin@acme.com',
      // The tests' own setup (users, tokens, demo data) writes faster than a person would;
      // a test about the limits sets its own.
      QUIETLOG_WRITE_RATE_LIMIT_PER_MINUTE: '0',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const keep = (chunk) => {
    output = (output + chunk.toString()).slice(-20_000);
  };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  const exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  let hasExited = false;
  exited.then(() => { hasExited = true; });

  const baseUrl = `http://127.0.0.1:${port}`;
  const stop = async () => {
    if (hasExited) return;
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
    await exited;
    clearTimeout(timer);
  };
  try {
    await waitFor(`server ${baseUrl}/health/ready`, async () => {
      if (hasExited) throw new Error(`server exited early:\n${output}`);
      const response = await fetch(`${baseUrl}/health/ready`).catch(() => null);
      return response?.status === 200;
    }, { timeoutMs: readyTimeoutMs, intervalMs: 250 });
  } catch (error) {
    await stop();
    error.message += `\n--- server output ---\n${output}`;
    throw error;
  }
  log(`server ready at ${baseUrl} (pid ${child.pid})`);
  return { baseUrl, stop, output: () => output, hasExited: () => hasExited };
}

export function readBootstrapToken(dataDir) {
  const file = path.join(dataDir, 'bootstrap-admin-token');
  if (!existsSync(file)) throw new Error(`The server did not write ${file} on first start`);
  return readFileSync(file, 'utf8').trim();
}

/** A small JSON client for the server's API with one bearer token. */
export function apiClient(baseUrl, token) {
  async function call(method, urlPath, body) {
    const response = await fetch(`${baseUrl}${urlPath}`, {
      method,
      headers: { Authorization: `Bearer ${token}`, Accept: 'application/json', ...(body ? { 'Content-Type': 'application/json' } : {}) },
      body: body ? JSON.stringify(body) : undefined,
    });
    const text = await response.text();
    const json = parseJsonOrNull(text);
    if (!response.ok) throw new Error(`${method} ${urlPath} answered ${response.status}: ${text.slice(0, 500)}`);
    if (json === null) throw new Error(`${method} ${urlPath} answered ${response.status} without JSON: ${text.slice(0, 500)}`);
    return json;
  }
  return {
    get: (urlPath) => call('GET', urlPath),
    post: (urlPath, body) => call('POST', urlPath, body),
    patch: (urlPath, body) => call('PATCH', urlPath, body),
    put: (urlPath, body) => call('PUT', urlPath, body),
  };
}

function parseJsonOrNull(text) {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

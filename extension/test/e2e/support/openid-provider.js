// Starts a real OpenID provider for the end-to-end test: NAV's mock-oauth2-server, the
// same one the server's sign-in tests use, run standalone on the classpath Maven wrote
// (server/target/openid-provider.classpath, made by `mvn package`). It answers discovery,
// JWKS, the authorization endpoint (redirecting straight back with a code, as a provider
// does for a user who is already signed in there) and the token endpoint (PKCE checked).
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { log } from './log.js';
import { REPO_ROOT } from './quietlog-server.js';
import { waitFor } from './wait-for.js';

const CLASSPATH_FILE = path.join(REPO_ROOT, 'server/target/openid-provider.classpath');
const MAIN_CLASS = 'no.nav.security.mock.oauth2.StandaloneMockOAuth2ServerKt';

/**
 * @param {{port: number, issuerId: string, clientId: string, claims: object}} options claims
 *   go into every ID token the authorization code grant issues (the nonce is added by the provider)
 * @returns {Promise<{issuer: string, stop: () => Promise<void>}>}
 */
export async function startOpenIdProvider({ port, issuerId, clientId, claims }) {
  if (!existsSync(CLASSPATH_FILE)) {
    throw new Error(`${CLASSPATH_FILE} is missing. Build the server first: mvn -q package -DskipTests (from the repo root).`);
  }
  const config = {
    interactiveLogin: false,
    httpServer: 'NettyWrapper',
    tokenCallbacks: [{
      issuerId,
      tokenExpiry: 300,
      requestMappings: [{ requestParam: 'grant_type', match: 'authorization_code', claims: { aud: [clientId], ...claims } }],
    }],
  };
  const child = spawn('java', ['-cp', readFileSync(CLASSPATH_FILE, 'utf8').trim(), MAIN_CLASS], {
    env: { ...process.env, SERVER_HOSTNAME: '127.0.0.1', SERVER_PORT: String(port), JSON_CONFIG: JSON.stringify(config) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const keep = (chunk) => { output = (output + chunk.toString()).slice(-20_000); };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  let exited = false;
  const exit = new Promise((resolve) => child.once('exit', () => { exited = true; resolve(); }));
  const stop = async () => {
    if (exited) return;
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    await exit;
    clearTimeout(timer);
  };
  const issuer = `http://127.0.0.1:${port}/${issuerId}`;
  try {
    await waitFor(`OpenID provider at ${issuer}`, async () => {
      if (exited) throw new Error(`the OpenID provider exited:\n${output}`);
      const response = await fetch(`${issuer}/.well-known/openid-configuration`).catch(() => null);
      return response?.status === 200;
    }, { timeoutMs: 90_000, intervalMs: 250 });
  } catch (error) {
    await stop();
    throw error;
  }
  log(`OpenID provider ready at ${issuer} (pid ${child.pid})`);
  return { issuer, stop, output: () => output };
}

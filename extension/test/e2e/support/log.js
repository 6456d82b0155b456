// Progress lines with elapsed seconds, so a slow step shows where the time goes.
const started = Date.now();

export function log(message) {
  const seconds = ((Date.now() - started) / 1000).toFixed(1).padStart(6);
  process.stderr.write(`[e2e ${seconds}s] ${message}\n`);
}

// Pure: Outlook names time zones the Windows way ("Pacific Standard Time"); the wire contract
// wants IANA names. The mapping is CLDR's, kept up to date by the windows-iana package.
import { findIana } from 'windows-iana';
import { isIanaZone } from '../../connectors/zoned-time.js';

export function ianaZone(windowsOrIana) {
  if (typeof windowsOrIana !== 'string' || windowsOrIana === '') return null;
  if (isIanaZone(windowsOrIana) && windowsOrIana.includes('/')) return windowsOrIana;
  if (windowsOrIana === 'UTC' || windowsOrIana === 'tzone://Microsoft/Utc') return 'UTC';
  const candidates = findIana(windowsOrIana) ?? [];
  return candidates.find((zone) => isIanaZone(zone)) ?? null;
}

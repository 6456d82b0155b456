// Pure: Exchange's iCalUId -> the UID every calendar knows the meeting by.
// Graph's iCalUId is the hex of the meeting's Global Object ID (MS-OXOCAL 2.2.1.27) with the
// occurrence's date in bytes 16-19, so it differs per occurrence; the series' UID has zeros
// there. A meeting that came from another calendar (Google, Thunderbird) carries that
// calendar's UID inside, after the marker "vCal-Uid"; returning it lets a Google rep and an
// Outlook rep on the same meeting make one interaction.

const CLASS_ID = '040000008200E00074C5B7101A82E008';
const VCAL_MARKER = 'vCal-Uid\u0001\u0000\u0000\u0000';
const DATA_OFFSET = 40; // class id 16 + instance date 4 + creation time 8 + reserved 8 + size 4

function hexToBytes(hex) {
  const bytes = new Uint8Array(hex.length / 2);
  for (let i = 0; i < bytes.length; i += 1) bytes[i] = parseInt(hex.slice(i * 2, i * 2 + 2), 16);
  return bytes;
}

/** @returns {string} the series UID; a value that is not a Global Object ID is returned as it is */
export function seriesUid(iCalUId) {
  if (typeof iCalUId !== 'string') return iCalUId;
  const hex = iCalUId.toUpperCase();
  if (!hex.startsWith(CLASS_ID) || hex.length < DATA_OFFSET * 2 || hex.length % 2 !== 0 || !/^[0-9A-F]+$/.test(hex)) return iCalUId;
  const bytes = hexToBytes(hex);
  const size = bytes[36] | (bytes[37] << 8) | (bytes[38] << 16) | (bytes[39] << 24);
  const data = bytes.subarray(DATA_OFFSET, DATA_OFFSET + size);
  const text = String.fromCharCode(...data);
  if (text.startsWith(VCAL_MARKER)) {
    const end = text.indexOf('\u0000', VCAL_MARKER.length); // the UID is NUL-terminated
    const uid = text.slice(VCAL_MARKER.length, end < 0 ? undefined : end);
    if (uid !== '') return uid;
  }
  return `${hex.slice(0, 32)}00000000${hex.slice(40)}`;
}

const STRICT = new TextDecoder('utf-8', { fatal: true });
const LENIENT = new TextDecoder('utf-8');

/** A file's text, as the site reads it (invalid bytes become U+FFFD), and where the first invalid byte sits. */
export function decodeUtf8(bytes: Uint8Array): { text: string; invalidAt?: { line: number; column: number } } {
  try {
    return { text: STRICT.decode(bytes) };
  } catch {
    const text = LENIENT.decode(bytes);
    return { text, invalidAt: firstInvalid(bytes) };
  }
}

/** Line and byte column of the first byte that is not part of a valid UTF-8 sequence. */
function firstInvalid(bytes: Uint8Array): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < bytes.length; ) {
    const byte = bytes[i];
    if (byte === 10) {
      line += 1;
      lineStart = i + 1;
    }
    const length = byte < 0x80 ? 1 : byte >= 0xc2 && byte <= 0xdf ? 2 : byte >= 0xe0 && byte <= 0xef ? 3 : byte >= 0xf0 && byte <= 0xf4 ? 4 : 0;
    let valid = length > 0 && i + length <= bytes.length;
    for (let j = 1; valid && j < length; j += 1) valid = (bytes[i + j] & 0xc0) === 0x80;
    if (!valid) return { line, column: i - lineStart + 1 };
    i += length;
  }
  return { line, column: 1 };
}

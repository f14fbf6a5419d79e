/**
 * Text that comes from the scanned files (file names, code quoted in messages) on its way to a
 * terminal or a CI log. A control character there could move the cursor, recolour or clear the
 * screen, or start a line that GitHub Actions takes as a workflow command (`::add-mask::`,
 * `::stop-commands::`), a file name being all it takes; a bidirectional override could make a
 * line read other than it is (Trojan Source, CVE-2021-42574). JSON and SARIF carry the exact text.
 */
const UNPRINTABLE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;
const NAMED: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

/** One line of text: each such character becomes an escape, `\n`, `\x1b`, `\u202e`, as git shows file names. */
export function printable(text: string): string {
  return text.replace(UNPRINTABLE, (c) => {
    const code = c.charCodeAt(0);
    return NAMED[c] ?? (code < 0x100 ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16)}`);
  });
}

const SOURCE_UNPRINTABLE = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

/**
 * Source lines for a code frame: tabs and line breaks stay, every other such character becomes
 * one visible character (its control picture, ␛ for ESC, or �), so the columns the frame
 * underlines stay where they were.
 */
export function printableSource(text: string): string {
  return text.replace(SOURCE_UNPRINTABLE, (c) => {
    const code = c.charCodeAt(0);
    return code < 0x20 ? String.fromCharCode(0x2400 + code) : code === 0x7f ? '\u2421' : '\ufffd';
  });
}

const JSON_UNPRINTABLE = /[\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

/**
 * JSON as JSON.stringify writes it, with the characters above that it leaves raw written as
 * `\u` escapes: the same data to any parser, and nothing a terminal acts on when the report is
 * printed to a log. (They can only occur inside strings, where the escape means the character.)
 */
export function printableJson(json: string): string {
  return json.replace(JSON_UNPRINTABLE, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

import type { Range } from '../facts/types.js';

/** Offsets of line starts, so any UTF-16 offset maps to a 1-based line and column. */
export class LineIndex {
  readonly starts: number[];

  constructor(text: string) {
    const starts = [0];
    if (!text.includes('\r')) {
      // Most files: jumping from one line feed to the next beats visiting every character.
      for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
    } else {
      for (let i = 0; i < text.length; i++) {
        const c = text.charCodeAt(i);
        if (c === 10) starts.push(i + 1);
        else if (c === 13 && text.charCodeAt(i + 1) !== 10) starts.push(i + 1);
      }
    }
    this.starts = starts;
  }

  /** 1-based line of an offset. */
  line(offset: number): number {
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo + 1;
  }

  /** 1-based line and column (UTF-16 code units, as SARIF counts them). */
  position(offset: number): { line: number; column: number } {
    const line = this.line(offset);
    return { line, column: offset - this.starts[line - 1] + 1 };
  }

  /** Range of [start, end) offsets; the end column is exclusive, as in SARIF. */
  range(start: number, end: number): Range {
    const from = this.position(start);
    const to = this.position(end);
    return { startLine: from.line, startColumn: from.column, endLine: to.line, endColumn: to.column };
  }
}

/** How messages say where a shared object comes from. */
import type { Origin } from '../../src/facts/origins.js';

/** The owner of the reference and why another thread may change it: "`d`, a parameter of f() …". */
export function whyShared(origin: Origin, fn: string | null): string {
  switch (origin.kind) {
    case 'parameter':
    case 'keyword-arguments':
      return `\`${origin.name}\`, a parameter of ${fn ?? 'the function'}() that callers may share across threads`;
    case 'file-scope':
      return `\`${origin.name}\`, a file-scope variable every thread can reach`;
    case 'field':
      return `\`${origin.text}\`, a field of an object other threads can reach`;
    case 'local':
      return `\`${origin.name}\`, an object this function did not create`;
    case 'expression':
      return `\`${origin.text}\`, which other threads may share`;
    case 'published':
      return `\`${origin.name}\`, created here by ${origin.constructor} but handed on since`;
    case 'fresh':
      return `\`${origin.constructor}\`'s fresh result`;
  }
}

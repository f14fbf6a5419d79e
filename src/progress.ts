/**
 * Progress on stderr for long scans on a terminal: files done of the total and the rate.
 * Nothing is drawn for scans that end within the first second, or when stderr is not a
 * terminal (CI logs, pipes), so short runs and captured output stay clean.
 */
import cliProgress from 'cli-progress';

const SHOW_AFTER_MS = 1000;

export interface Progress {
  update(done: number, total: number): void;
  stop(): void;
}

export function terminalProgress(stream: NodeJS.WriteStream, now: () => number = Date.now): Progress {
  const started = now();
  let bar: cliProgress.SingleBar | null = null;
  return {
    update(done, total) {
      const elapsed = now() - started;
      const rate = { rate: (done / Math.max(elapsed / 1000, 0.001)).toFixed(0) };
      if (bar !== null) {
        bar.update(done, rate);
        return;
      }
      if (done >= total || elapsed < SHOW_AFTER_MS) return;
      bar = new cliProgress.SingleBar(
        { stream, format: 'cext-audit {bar} {value}/{total} files, {rate} files/s', hideCursor: true, clearOnComplete: true, barsize: 30 },
        cliProgress.Presets.shades_classic,
      );
      bar.start(total, done, rate);
    },
    stop() {
      bar?.stop();
    },
  };
}

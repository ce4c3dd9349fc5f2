/** Progress for long commands: a bar on a terminal, plain log lines otherwise (CI, pipes). */
import cliProgress from "cli-progress";

export interface ProgressReporter {
  update(done: number, total: number): void;
  log(line: string): void;
  stop(): void;
}

export function createProgress(label: string, stream: NodeJS.WriteStream = process.stderr): ProgressReporter {
  if (stream.isTTY) {
    const bar = new cliProgress.SingleBar(
      {
        format: `${label} [{bar}] {value}/{total} {percentage}%`,
        stream,
        hideCursor: true,
        clearOnComplete: true,
      },
      cliProgress.Presets.shades_classic,
    );
    let started = false;
    return {
      update(done, total) {
        if (!started) {
          bar.start(total, 0);
          started = true;
        }
        bar.setTotal(total);
        bar.update(done);
      },
      log(line) {
        if (!started) stream.write(`${line}\n`);
      },
      stop() {
        if (started) bar.stop();
      },
    };
  }
  let lastLogged = -1;
  return {
    update(done, total) {
      // One line per 10% keeps CI logs readable.
      const step = Math.floor((done / Math.max(1, total)) * 10);
      if (step !== lastLogged || done === total) {
        lastLogged = step;
        stream.write(`${label}: ${done}/${total}\n`);
      }
    },
    log(line) {
      stream.write(`${line}\n`);
    },
    stop() {},
  };
}

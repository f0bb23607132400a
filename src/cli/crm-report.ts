/** Entry of the `crm-report` command (bin/crm-report.mjs runs the bundle built from this file). */
import { EXIT, main } from "./main";
import { removePendingTempFiles } from "./safeOutput";

/**
 * Ctrl+C (or a kill) while the workbook is written: remove the temporary file, so no
 * half-written workbook is left behind (the target file is only ever replaced whole). Installed
 * only for the write: before it, Node's default handling stops a long computation at once.
 */
function cleanUpOnSignal(): void {
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    process.once(signal, () => {
      removePendingTempFiles();
      process.exit(EXIT.interrupted);
    });
  }
}

main(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  env: process.env,
  beforeWrite: cleanUpOnSignal,
}).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    // A bug, not a problem with the input: one line, the stack only when asked for.
    const detail =
      error instanceof Error
        ? process.env.CRM_REPORT_DEBUG
          ? (error.stack ?? error.message)
          : error.message
        : String(error);
    process.stderr.write(`crm-report: unexpected error: ${detail}\n`);
    process.exitCode = 1;
  }
);

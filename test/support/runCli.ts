/**
 * The command line run in-process, as `crm-report` would run with `argv`: its exit code and
 * everything it wrote to stdout and stderr.
 */
import { main } from "../../src/cli/main";

export async function runCli(
  argv: string[],
  env: Record<string, string> = {}
): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = "";
  let stderr = "";
  const code = await main(argv, {
    stdout: { write: (text: string) => (stdout += text) },
    stderr: { write: (text: string) => (stderr += text) },
    env,
  });
  return { code, stdout, stderr };
}

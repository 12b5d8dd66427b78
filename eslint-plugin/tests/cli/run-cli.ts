// Runs the command in-process with captured output, as a user's shell would see it.
import { main } from '../../src/cli/main.js';

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

export async function runCli(args: string[], cwd: string): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const out = { write: (text: string) => ((stdout += text), true) } as NodeJS.WritableStream;
  const err = { isTTY: false, write: (text: string) => ((stderr += text), true) } as unknown as NodeJS.WriteStream;
  const code = await main(args, cwd, { stdout: out, stderr: err });
  return { code, stdout, stderr };
}

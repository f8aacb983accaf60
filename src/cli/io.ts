/** Where a command writes: results and the summary to stdout, progress and errors to stderr. */
export interface CommandIo {
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
  env: NodeJS.ProcessEnv;
  cwd: string;
}

export function consoleIo(): CommandIo {
  return { stdout: process.stdout, stderr: process.stderr, env: process.env, cwd: process.cwd() };
}

export function progressTo(io: CommandIo, quiet = false): (line: string) => void {
  return quiet ? () => undefined : (line) => io.stderr.write(`mailexposure: ${line}\n`);
}

/** What the CLI tells its user (results on stdout, errors on stderr): program output, not server log lines. */
export function print(text: string): void {
  process.stdout.write(`${text}\n`);
}

export function printError(text: string): void {
  process.stderr.write(`${text}\n`);
}

// How commands talk: --json prints one JSON document per result on stdout, otherwise
// readable text. Diagnostics always go to stderr so stdout stays parseable.

export interface OutputOptions {
  json: boolean;
}

export class Output {
  constructor(private readonly options: OutputOptions) {}

  get json(): boolean {
    return this.options.json;
  }

  /** One result: JSON as a single line, or the text the human renderer gives. */
  result<T>(value: T, human: (value: T) => string): void {
    if (this.options.json) process.stdout.write(`${JSON.stringify(value)}\n`);
    else process.stdout.write(`${human(value)}\n`);
  }

  /** Progress and notes for people; silent in --json mode. */
  info(message: string): void {
    if (!this.options.json) process.stderr.write(`${message}\n`);
  }

  error(message: string): void {
    if (this.options.json) process.stderr.write(`${JSON.stringify({ error: message })}\n`);
    else process.stderr.write(`tenantvault: ${message}\n`);
  }
}

/** Renders rows as an aligned plain-text table. */
export function table(headers: string[], rows: string[][]): string {
  const widths = headers.map((header, column) =>
    Math.max(header.length, ...rows.map((row) => (row[column] ?? '').length)),
  );
  const line = (cells: string[]) =>
    cells
      .map((cell, column) => cell.padEnd(widths[column] ?? 0))
      .join('  ')
      .trimEnd();
  return [line(headers), line(widths.map((width) => '-'.repeat(width))), ...rows.map(line)].join('\n');
}

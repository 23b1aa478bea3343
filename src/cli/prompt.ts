// Secrets come from an environment variable or, on a terminal, a prompt that does not
// echo; never from arguments (they show up in process lists and shell history).
import { createInterface } from 'node:readline';
import { Writable } from 'node:stream';
import { UsageError } from './exit-codes.js';

export async function secretFromEnvOrPrompt(variable: string, question: string): Promise<string> {
  const fromEnv = process.env[variable];
  if (fromEnv !== undefined && fromEnv !== '') return fromEnv;
  if (!process.stdin.isTTY) {
    throw new UsageError(
      `set ${variable} (standard input is not a terminal, so the password cannot be prompted for)`,
    );
  }
  process.stderr.write(question);
  const silent = new Writable({ write: (_chunk, _encoding, done) => done() });
  const reader = createInterface({ input: process.stdin, output: silent, terminal: true });
  try {
    return await new Promise<string>((resolve) => reader.question('', resolve));
  } finally {
    reader.close();
    process.stderr.write('\n');
  }
}

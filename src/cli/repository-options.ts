// The options every command that opens a repository shares: where it is (--repo or
// TENANTVAULT_REPO), how to reach S3-compatible storage, and the password, which comes
// from TENANTVAULT_PASSWORD or a prompt and never from an argument.
import { Option, type Command } from 'commander';
import { openBackend, Repository, type Backend } from '../repository/index.js';
import { UsageError } from './exit-codes.js';
import { secretFromEnvOrPrompt } from './prompt.js';

export interface RepoOptions {
  repo?: string;
  s3Endpoint?: string;
}

export function withRepoOptions(command: Command): Command {
  return command
    .addOption(new Option('--repo <location>', 'repository: a directory or s3://bucket/prefix'))
    .addOption(
      new Option('--s3-endpoint <url>', 'endpoint of S3-compatible storage (path-style addressing)'),
    );
}

export function backendOf(options: RepoOptions): Backend {
  if (!options.repo) throw new UsageError('--repo (or TENANTVAULT_REPO) is required');
  return openBackend(options.repo, { s3Endpoint: options.s3Endpoint });
}

export function repositoryPassword(): Promise<string> {
  return secretFromEnvOrPrompt('TENANTVAULT_PASSWORD', 'repository password: ');
}

export async function openRepository(options: RepoOptions): Promise<Repository> {
  return Repository.open(backendOf(options), await repositoryPassword());
}

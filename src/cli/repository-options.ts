// The options every command that opens a repository shares: where it is (--repo or
// TENANTVAULT_REPO), how to reach S3-compatible storage, and the password, which comes
// from TENANTVAULT_PASSWORD or a prompt and never from an argument. The repository's
// modules load when a command opens one, not when the options are defined.
import { Option, type Command } from 'commander';
import type { Backend, Repository } from '../repository/index.js';
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

export async function backendOf(options: RepoOptions): Promise<Backend> {
  if (!options.repo) throw new UsageError('--repo (or TENANTVAULT_REPO) is required');
  const { openBackend } = await import('../repository/index.js');
  return openBackend(options.repo, { s3Endpoint: options.s3Endpoint });
}

export function repositoryPassword(): Promise<string> {
  return secretFromEnvOrPrompt('TENANTVAULT_PASSWORD', 'repository password: ');
}

export async function openRepository(options: RepoOptions): Promise<Repository> {
  const backend = await backendOf(options);
  const { Repository } = await import('../repository/index.js');
  return Repository.open(backend, await repositoryPassword());
}

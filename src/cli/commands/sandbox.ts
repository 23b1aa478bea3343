import type { Command } from 'commander';

export function registerSandboxCommand(program: Command): void {
  program
    .command('sandbox')
    .description(
      'start a local Microsoft 365 tenant (identity platform + Microsoft Graph) for tests and demos',
    )
    .action(() => {
      throw new Error('not yet');
    });
}

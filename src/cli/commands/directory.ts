// `tenantvault directory …`: the Entra ID workload's commands. Each module that adds a
// subcommand asks for the group here, so it exists once whoever registers first.
import type { Command } from 'commander';

export function directoryCommand(program: Command): Command {
  return (
    program.commands.find((command) => command.name() === 'directory') ??
    program.command('directory').description('Entra ID directory: back up, browse, compare and restore')
  );
}

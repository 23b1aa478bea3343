// Command groups that several modules add subcommands to: `tenantvault entra …` (browse,
// compare, restore and export Entra ID backups) and `tenantvault backup …` (one
// subcommand per workload). Each module asks for its group here, so a group exists once
// whoever registers first.
import type { Command } from 'commander';

function commandGroup(program: Command, name: string, description: string): Command {
  return (
    program.commands.find((command) => command.name() === name) ??
    program.command(name).description(description)
  );
}

export function entraCommand(program: Command): Command {
  return commandGroup(program, 'entra', 'Entra ID backups: list, show, history, diff, restore and export');
}

export function backupCommand(program: Command): Command {
  return commandGroup(program, 'backup', 'back up a workload of a tenant into its repository');
}

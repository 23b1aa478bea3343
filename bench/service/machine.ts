// What the machine was doing while a benchmark ran: its load (the line `uptime` prints),
// and the CPU time processes used, read from /proc (Linux), so a figure can be told apart
// from the other work sharing the cores.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

/** `uptime`'s line: time, up time, users and the 1, 5 and 15 minute load averages. */
export function uptime(): string {
  return execFileSync('uptime', { encoding: 'utf8' }).trim();
}

let ticksPerSecond: number | undefined;

/** User + system CPU seconds a running process has used so far (all its threads). */
export function cpuSeconds(pid: number): number {
  ticksPerSecond ??= Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim());
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // Fields after the command name (which may hold spaces) in parentheses: utime and stime are the 12th and 13th.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / ticksPerSecond;
}

import type { Command } from "commander";

/** Every command's register function, in the order `--help` lists them. */
const commands: Array<(program: Command) => void> = [];

export function registerCommands(program: Command): void {
  for (const register of commands) register(program);
}

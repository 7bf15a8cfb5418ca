import { Command, CommanderError } from "commander";
import { selectDefaultBackend } from "../backend/wasm/select.js";
import { RetropropError } from "../util/errors.js";
import { VERSION } from "../util/version.js";
import { checkFlagValues } from "./args.js";
import { registerCommands } from "./commands/index.js";

/** Builds the `retroprop` program. Each command lives in src/cli/commands/ and only calls the library. */
export function buildProgram(): Command {
  const program = new Command("retroprop")
    .description("Neural networks trained by backpropagation: inspect every value, gradient and δ.")
    .version(VERSION)
    .exitOverride()
    .configureOutput({
      // Commander's own usage errors, as one line in the same form as every other error.
      outputError: (str, write) =>
        write(
          `retroprop: ${str
            .replace(/^error: /, "")
            .trim()
            .replace(/\s*\n\s*/g, " ")} (see --help)\n`,
        ),
    });
  registerCommands(program);
  // The fast WebAssembly backend when it loads (RETROPROP_BACKEND=reference|wasm forces one); chosen only when
  // a command runs, so that --help stays instant.
  program.hook("preAction", async (_program, command) => {
    checkFlagValues(command);
    await selectDefaultBackend();
  });
  return program;
}

/** Runs the CLI; resolves to the exit status. User mistakes print one line, never a stack trace. */
export async function main(argv: readonly string[]): Promise<number> {
  const program = buildProgram();
  try {
    await program.parseAsync(argv as string[]);
    return 0;
  } catch (err) {
    return reportError(err);
  }
}

export function reportError(err: unknown): number {
  if (err instanceof CommanderError) {
    // Commander already printed its message (usage errors, --help, --version).
    return err.exitCode === 0 ? 0 : 2;
  }
  if (err instanceof RetropropError) {
    process.stderr.write(`retroprop: ${err.message}\n`);
    return 1;
  }
  const code = (err as NodeJS.ErrnoException | null)?.code;
  if (code === "ENOENT" || code === "EACCES" || code === "EISDIR" || code === "ENOTDIR") {
    const e = err as NodeJS.ErrnoException;
    process.stderr.write(`retroprop: cannot access ${e.path ?? "file"}: ${code}\n`);
    return 1;
  }
  if (process.env.RETROPROP_DEBUG) throw err;
  const message = err instanceof Error ? err.message : String(err);
  process.stderr.write(`retroprop: internal error: ${message} (set RETROPROP_DEBUG=1 for a stack trace)\n`);
  return 70;
}

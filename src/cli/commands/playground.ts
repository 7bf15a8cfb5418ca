import type { Command } from "commander";
import { resolveDataRoot } from "../../data/root.js";
import { InputError } from "../../util/errors.js";
import { localizedError } from "../../util/i18n.js";
import { t } from "../lang.js";
import { startPlaygroundServer } from "../serve.js";

function parsePort(text: string): number {
  const port = Number(text);
  if (!/^\d+$/.test(text) || port > 65535) throw localizedError(InputError, "port", text);
  return port;
}

export function register(program: Command): void {
  const M = t().playground;
  program
    .command("playground")
    .description(M.description)
    .option("--port <n>", M.help.port, "0")
    .option("--open", M.help.open)
    .option("--data-dir <dir>", M.help.dataDir)
    .addHelpText("after", M.help.after)
    .action(async (flags: { port: string; open?: boolean; dataDir?: string }) => {
      const playground = await startPlaygroundServer({
        port: parsePort(flags.port),
        dataRoot: resolveDataRoot(flags.dataDir),
      });
      process.stdout.write(`retroprop playground: ${playground.url}\n`);
      if (flags.open) {
        const { default: open } = await import("open");
        await open(playground.url).catch((e: Error) =>
          process.stderr.write(`retroprop: ${M.noBrowser(e.message, playground.url)}\n`),
        );
      }
      // Serve until interrupted; then close so the exit status stays 0.
      await new Promise<void>((done) => {
        const stop = () => {
          process.off("SIGINT", stop);
          process.off("SIGTERM", stop);
          playground.close().then(done);
        };
        process.on("SIGINT", stop);
        process.on("SIGTERM", stop);
      });
    });
}

import type { Command } from "commander";
import { resolveDataRoot } from "../../data/root.js";
import { InputError } from "../../util/errors.js";
import { startPlaygroundServer } from "../serve.js";

const HELP_AFTER = `
Serves the playground (the page built into the package) on 127.0.0.1 only, with the cross-origin isolation
headers the threaded WebAssembly backend needs, and the data root read-only under /data/. Stop with Ctrl+C.
  $ retroprop playground
  $ retroprop playground --port 8080 --open --data-dir ../shared/datasets`;

function parsePort(text: string): number {
  const port = Number(text);
  if (!/^\d+$/.test(text) || port > 65535)
    throw new InputError(`--port must be an integer from 0 to 65535, got '${text}'`);
  return port;
}

export function register(program: Command): void {
  program
    .command("playground")
    .description("the playground in your browser: datasets, network, training, all in the URL")
    .option("--port <n>", "port on 127.0.0.1 (default: a free one)", "0")
    .option("--open", "open the page in the default browser")
    .option(
      "--data-dir <dir>",
      "data root served read-only under /data/ (default: $RETROPROP_DATA or the cache)",
    )
    .addHelpText("after", HELP_AFTER)
    .action(async (flags: { port: string; open?: boolean; dataDir?: string }) => {
      const playground = await startPlaygroundServer({
        port: parsePort(flags.port),
        dataRoot: resolveDataRoot(flags.dataDir),
      });
      process.stdout.write(`retroprop playground: ${playground.url}\n`);
      if (flags.open) {
        const { default: open } = await import("open");
        await open(playground.url).catch((e: Error) =>
          process.stderr.write(
            `retroprop: could not open a browser (${e.message}); open ${playground.url}\n`,
          ),
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

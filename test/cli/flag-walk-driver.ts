/**
 * Runs many `retroprop` command lines in one process (the flag walk would otherwise start Node ~600 times):
 * reads a JSON array of argument lists on stdin, runs each through the CLI's own main() with stdout and stderr
 * captured, and prints a JSON array of { status, stdout, stderr } results. Run from a scratch folder, so that outputs
 * written by default land there.
 */
import { main } from "../../src/cli/main.js";

interface Result {
  status: number;
  stdout: string;
  stderr: string;
}

async function runOne(args: string[]): Promise<Result> {
  let stdout = "";
  let stderr = "";
  const out = process.stdout.write.bind(process.stdout);
  const err = process.stderr.write.bind(process.stderr);
  process.stdout.write = ((chunk: string | Uint8Array) => {
    stdout += typeof chunk === "string" ? chunk : Buffer.from(chunk).toString("utf8");
    return true;
  }) as typeof process.stdout.write;
  process.stderr.write = ((chunk: string | Uint8Array) => {
    stderr += typeof chunk === "string" ? chunk : Buffer.from(chunk).toString("utf8");
    return true;
  }) as typeof process.stderr.write;
  try {
    const status = await main(["node", "retroprop", ...args]);
    return { status, stdout, stderr };
  } catch (e) {
    // main() reports every error itself; anything escaping it is a crash, shown as such.
    return { status: -1, stdout, stderr: `escaped main(): ${(e as Error)?.stack ?? String(e)}` };
  } finally {
    process.stdout.write = out;
    process.stderr.write = err;
  }
}

const chunks: Buffer[] = [];
for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
const cases = JSON.parse(Buffer.concat(chunks).toString("utf8")) as string[][];
const results: Result[] = [];
for (const args of cases) results.push(await runOne(args));
process.stdout.write(`${JSON.stringify(results)}\n`);
// Worker threads of the wasm backend may still be parked; the results are out.
process.exit(0);

/** `retroprop playground` as a child process, for the playground's tests: started, its printed URL read, stopped. */
import { type ChildProcess, spawn } from "node:child_process";
import { root } from "./run-cli.js";

export interface RunningPlayground {
  url: string;
  child: ChildProcess;
  /** Sends SIGINT and resolves with the exit status. */
  stop(): Promise<number | null>;
}

export function startPlayground(args: readonly string[] = []): Promise<RunningPlayground> {
  const env: NodeJS.ProcessEnv = { PATH: process.env.PATH, HOME: process.env.HOME };
  if (process.env.RETROPROP_BACKEND) env.RETROPROP_BACKEND = process.env.RETROPROP_BACKEND;
  const child = spawn(process.execPath, ["bin/retroprop.js", "playground", ...args], { cwd: root, env });
  const exited = new Promise<number | null>((done) => child.once("exit", (code) => done(code)));
  return new Promise((done, fail) => {
    let out = "";
    let err = "";
    const timer = setTimeout(() => fail(new Error(`no URL printed within 60 s: ${out}${err}`)), 60_000);
    child.stderr?.on("data", (d) => {
      err += String(d);
    });
    child.stdout?.on("data", (d) => {
      out += String(d);
      const m = /^retroprop playground: (http:\/\/\S+)$/m.exec(out);
      if (m) {
        clearTimeout(timer);
        done({
          url: m[1],
          child,
          stop: () => {
            child.kill("SIGINT");
            return exited;
          },
        });
      }
    });
    exited.then((code) => {
      clearTimeout(timer);
      fail(new Error(`retroprop playground exited with ${code} before printing its URL: ${err.trim()}`));
    });
  });
}

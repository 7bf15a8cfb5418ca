// What the screenshot scripts share: `retroprop playground` started from the repository and its printed URL
// read, Debian's Chromium (or RETROPROP_CHROMIUM) launched by playwright-core, and a stop for both.
import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";

export const root = fileURLToPath(new URL("..", import.meta.url));

export async function startScreenshots() {
  const cli = spawn(process.execPath, ["bin/retroprop.js", "playground"], { cwd: root });
  const url = await new Promise((done, fail) => {
    cli.stdout.on("data", (d) => {
      const m = /http:\S+/.exec(String(d));
      if (m) done(m[0]);
    });
    cli.on("exit", (code) => fail(new Error(`retroprop playground exited with ${code}`)));
  });
  const browser = await chromium.launch({
    executablePath: process.env.RETROPROP_CHROMIUM ?? "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking"],
  });
  const stop = async () => {
    await browser.close();
    cli.kill("SIGINT");
  };
  return { url, browser, stop };
}

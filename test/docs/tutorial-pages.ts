/**
 * The tutorials (docs/tutorials/{es,en}/*.md) as data: each ```sh block holding one `$ retroprop …` command,
 * the ```text block after it holding what that command prints, and how to run the command and write its
 * output back. test/docs/tutorials.test.ts compares; scripts/tutorials.mjs (`npm run docs:tutorials`)
 * compares or, with --update, rewrites the text blocks. One parser and one runner serve both, so that what
 * the update writes is exactly what the test expects.
 */
import { spawn } from "node:child_process";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { root } from "../cli/run-cli.js";

export { root };

/** Where the tutorials live, one folder per language. */
export const tutorialsDir = join(root, "docs", "tutorials");
export const LANGUAGES = ["es", "en"] as const;

/** One command of a page and the output the page shows for it. */
export interface TutorialCommand {
  /** The page, relative to the repository root. */
  page: string;
  /** 1-based line of the `$ retroprop` line, for messages. */
  line: number;
  /** The command as the shell reads it, without the `$ ` prompt (continuation lines kept). */
  command: string;
  /** The text block's lines, as on the page. */
  expected: string;
  /** 0-based line indexes of the text block's content: [start, end). */
  textStart: number;
  textEnd: number;
}

/** Every tutorial page, relative to the repository root, languages in order, files sorted. */
export function tutorialPages(): string[] {
  return LANGUAGES.flatMap((lang) => {
    const dir = join(tutorialsDir, lang);
    if (!existsSync(dir)) return [];
    return readdirSync(dir)
      .filter((f) => f.endsWith(".md"))
      .sort()
      .map((f) => relative(root, join(dir, f)));
  });
}

/**
 * The commands of one page. A ```sh block whose first line is `$ retroprop …` holds exactly one command
 * (a trailing `\` continues it on the next line); the next fenced block, after blank lines only, must be
 * ```text. Other ```sh blocks (without a `$ retroprop` line) are prose and are left alone.
 */
export function parseTutorial(page: string, markdown: string): TutorialCommand[] {
  const lines = markdown.split("\n");
  const commands: TutorialCommand[] = [];
  for (let i = 0; i < lines.length; i++) {
    if (lines[i].trim() !== "```sh") continue;
    const start = i + 1;
    const end = closingFence(lines, start, page);
    const body = lines.slice(start, end);
    i = end;
    if (!body[0]?.startsWith("$ retroprop ")) continue;
    const prompts = body.filter((l) => l.startsWith("$ "));
    if (prompts.length !== 1) {
      throw new Error(
        `${page}:${start + 1}: a \`\`\`sh block holds one \`$ retroprop\` command, found ${prompts.length}`,
      );
    }
    for (let k = 0; k < body.length - 1; k++) {
      if (!body[k].endsWith("\\")) {
        throw new Error(`${page}:${start + k + 2}: a line after the command without a \`\\\` before it`);
      }
    }
    let j = end + 1;
    while (j < lines.length && lines[j].trim() === "") j++;
    if (lines[j]?.trim() !== "```text") {
      throw new Error(
        `${page}:${start + 1}: the command's \`\`\`sh block must be followed by a \`\`\`text block`,
      );
    }
    const textEnd = closingFence(lines, j + 1, page);
    commands.push({
      page,
      line: start + 1,
      command: body.join("\n").slice(2),
      expected: lines.slice(j + 1, textEnd).join("\n"),
      textStart: j + 1,
      textEnd,
    });
    i = textEnd;
  }
  return commands;
}

function closingFence(lines: string[], from: number, page: string): number {
  for (let k = from; k < lines.length; k++) if (lines[k].trim() === "```") return k;
  throw new Error(`${page}:${from}: a fenced block that is never closed`);
}

/** The page with each command's text block replaced by `outputs[k]` (one per command, in order). */
export function renderTutorial(markdown: string, commands: TutorialCommand[], outputs: string[]): string {
  const lines = markdown.split("\n");
  for (let k = commands.length - 1; k >= 0; k--) {
    const c = commands[k];
    lines.splice(c.textStart, c.textEnd - c.textStart, ...(outputs[k] === "" ? [] : outputs[k].split("\n")));
  }
  return lines.join("\n");
}

/**
 * What a page shows for an output: trailing spaces and blank lines dropped, and run times masked. A number
 * directly followed by `s` or `ms` as a word (`0.00s`, `done in 1.3 s`, `12 ms`) is a duration and is written
 * `…` (`…s`, `done in … s`): the one placeholder of the pages, since the time a run takes is the only thing
 * that changes from one run to the next (the commands are seeded, single-threaded, on one backend).
 */
export function normalise(output: string): string {
  return output
    .replace(/\r\n/g, "\n")
    .split("\n")
    .map((l) => l.replace(/[ \t]+$/, "").replace(/(?<![\w.])\d+(?:\.\d+)?(?=\s?m?s(?![\w/]))/g, "…"))
    .join("\n")
    .replace(/\n+$/, "");
}

/** Whether a command reads the datasets beside the repository (../shared/datasets) and they are missing. */
export function missingData(command: string): string | undefined {
  const m = /--data-dir\s+(\S+)/.exec(command);
  if (!m) return undefined;
  return existsSync(join(root, m[1])) ? undefined : m[1];
}

/**
 * The environment of every tutorial command: none of the developer's settings; the page's language as the
 * locale (the Spanish pages tell the reader to `export LANG=es_MX.UTF-8`, so that the commands without
 * `--lang es` speak Spanish too once they are translated; the English pages, no locale: English); and the
 * reference backend on one thread, so that the printed numbers are the same on every machine and in every
 * test pass (a student's default backend may differ in the last digit of a loss).
 */
function tutorialEnvironment(page: string): NodeJS.ProcessEnv {
  const keep = ["PATH", "HOME", "TMPDIR"];
  const env: NodeJS.ProcessEnv = Object.fromEntries(
    keep.flatMap((name) => (process.env[name] === undefined ? [] : [[name, process.env[name]]])),
  );
  if (pageLanguage(page) === "es") env.LANG = "es_MX.UTF-8";
  return { ...env, RETROPROP_BACKEND: "reference", RETROPROP_THREADS: "1", NO_COLOR: "1", COLUMNS: "100" };
}

/** The language of a page, from its folder. */
export function pageLanguage(page: string): (typeof LANGUAGES)[number] {
  return page.split("/").includes("es") ? "es" : "en";
}

export interface CommandRun {
  output: string;
  status: number | null;
}

/**
 * Runs one command as a reader would type it, in a POSIX shell from the repository root, with `retroprop`
 * the built CLI (bin/retroprop.js) and stderr merged into stdout, as a terminal shows them.
 */
export function runTutorialCommand(page: string, command: string, timeoutMs = 120_000): Promise<CommandRun> {
  const bin = join(root, "bin", "retroprop.js");
  const script = `retroprop() { "${process.execPath}" "${bin}" "$@"; }\n{ ${command}\n} 2>&1`;
  return new Promise((resolve, reject) => {
    const child = spawn("sh", ["-c", script], {
      cwd: root,
      env: tutorialEnvironment(page),
      stdio: ["ignore", "pipe", "inherit"],
      timeout: timeoutMs,
    });
    const chunks: Buffer[] = [];
    child.stdout.on("data", (c: Buffer) => chunks.push(c));
    child.on("error", reject);
    child.on("close", (status) => resolve({ output: Buffer.concat(chunks).toString("utf8"), status }));
  });
}

/** Starts `jobs` at most `parallel` at a time; one promise per job, in order, each settling with its job. */
export function runLimited<T>(jobs: (() => Promise<T>)[], parallel: number): Promise<T>[] {
  let running = 0;
  const waiting: (() => void)[] = [];
  return jobs.map(
    (job) =>
      new Promise<T>((resolve, reject) => {
        const start = () => {
          running++;
          job()
            .then(resolve, reject)
            .finally(() => {
              running--;
              waiting.shift()?.();
            });
        };
        if (running < parallel) start();
        else waiting.push(start);
      }),
  );
}

/** Reads a page (path relative to the repository root). */
export function readPage(page: string): string {
  return readFileSync(join(root, page), "utf8");
}

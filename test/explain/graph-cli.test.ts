import assert from "node:assert/strict";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, test } from "node:test";
import { parseAt } from "../../src/cli/commands/graph.js";
import { main } from "../../src/cli/main.js";
import { RetropropError } from "../../src/util/errors.js";
import { runCli } from "../cli/run-cli.js";

const run = (...args: string[]) => runCli(["graph", ...args]);

const SIGMOID = "1 / (1 + exp(-(w0*x0 + w1*x1 + w2)))";
const SIGMOID_AT = "w0=2,x0=-1,w1=-3,x1=-2,w2=-3";

/** Runs `retroprop graph ...` through main() in this process, capturing what it writes. */
async function inProcess(args: string[]): Promise<{ status: number; stdout: string; stderr: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const { stdout, stderr } = process;
  const writeOut = stdout.write;
  const writeErr = stderr.write;
  // The CLI writes strings; the test runner's own reports (binary chunks) pass through untouched.
  const capture = (sink: string[], original: typeof stdout.write, stream: NodeJS.WriteStream) =>
    ((chunk: string | Uint8Array, ...rest: unknown[]) =>
      typeof chunk === "string"
        ? sink.push(chunk) > 0
        : (original as (...a: unknown[]) => boolean).call(stream, chunk, ...rest)) as typeof stdout.write;
  stdout.write = capture(out, writeOut, stdout);
  stderr.write = capture(err, writeErr, stderr);
  try {
    const status = await main(["node", "retroprop", "graph", ...args]);
    return { status, stdout: out.join(""), stderr: err.join("") };
  } finally {
    stdout.write = writeOut;
    stderr.write = writeErr;
  }
}

/** Checks a failed run: exit status, one line on stderr naming the problem, no stack trace. */
function fails(r: ReturnType<typeof run>, message: RegExp): void {
  assert.notEqual(r.status, 0, r.stdout);
  assert.equal(r.stdout, "");
  const lines = r.stderr.trim().split("\n");
  assert.equal(lines.length, 1, r.stderr);
  assert.match(lines[0], /^retroprop: /);
  assert.match(lines[0], message);
  assert.doesNotMatch(r.stderr, /\n\s+at |internal error|Error:/);
}

describe("retroprop graph", () => {
  test("the notes' first example as text: every node and ∂f/∂x = ∂f/∂y = -4, ∂f/∂z = 3", () => {
    const r = run("(x + y) * z", "--at", "x=-2,y=5,z=-4");
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /^\s*2\s+add\s+0, 1\s+3\s+-4\s+x \+ y$/m);
    assert.match(r.stdout, /^\s*4\s+mul\s+2, 3\s+-12\s+1\s+\(x \+ y\) \* z$/m);
    assert.match(r.stdout, /^f = -12$/m);
    assert.match(r.stdout, /^∂f\/∂x = -4$/m);
    assert.match(r.stdout, /^∂f\/∂y = -4$/m);
    assert.match(r.stdout, /^∂f\/∂z = 3$/m);
  });

  test("the notes' sigmoid neuron as JSON: value 0.73 and gradients -0.20, 0.39, -0.39, -0.59, 0.20", () => {
    const r = run(SIGMOID, "--at", SIGMOID_AT, "--format", "json");
    assert.equal(r.status, 0, r.stderr);
    const out = JSON.parse(r.stdout);
    assert.deepEqual(Object.keys(out), ["value", "shape", "gradients", "nodes", "edges", "branches"]);
    assert.equal(out.value.toFixed(2), "0.73");
    const rounded = Object.fromEntries(
      Object.entries(out.gradients).map(([k, v]) => [k, (v as number).toFixed(2)]),
    );
    assert.deepEqual(rounded, { w0: "-0.20", x0: "0.39", w1: "-0.39", x1: "-0.59", w2: "0.20" });
    // Full precision in JSON: σ(1) and σ(1)(1 − σ(1)) by hand.
    const s = 1 / (1 + Math.exp(-1));
    assert.ok(Math.abs(out.value - s) < 1e-15);
    assert.ok(Math.abs(out.gradients.w2 - s * (1 - s)) < 1e-15);
    for (const n of out.nodes) {
      assert.deepEqual(Object.keys(n), ["id", "op", "label", "inputs", "shape", "value", "grad", "attrs"]);
      for (const i of n.inputs) assert.ok(i < n.id, "inputs come first");
    }
    assert.equal(out.nodes.at(-1).label, "1 / (1 + exp(-(w0 * x0 + w1 * x1 + w2)))");
    assert.equal(out.nodes.at(-1).grad, 1);
  });

  test("--at takes spaces and may be repeated; fractions are numbers", async () => {
    const r = await inProcess(["x*x + x + y", "--at", "x = 3", "--at", " y=1/2 ", "--format", "json"]);
    assert.equal(r.status, 0, r.stderr);
    const out = JSON.parse(r.stdout);
    assert.equal(out.value, 12.5);
    assert.deepEqual(out.gradients, { x: 7, y: 1 });
  });

  test("an expression without variables needs no --at", async () => {
    const r = await inProcess(["2^10 - 24", "--format", "json"]);
    assert.equal(r.status, 0, r.stderr);
    assert.equal(JSON.parse(r.stdout).value, 1000);
  });

  test("--format dot and svg draw the circuit with values and gradients", async () => {
    const dot = await inProcess(["(x + y) * z", "--at", "x=-2,y=5,z=-4", "--format", "dot"]);
    assert.equal(dot.status, 0, dot.stderr);
    assert.match(dot.stdout, /^digraph/);
    assert.match(dot.stdout, /<font color="#1a8f2e">-12<\/font>/);
    const svg = await inProcess(["(x + y) * z", "--at", "x=-2,y=5,z=-4", "--format", "svg"]);
    assert.equal(svg.status, 0, svg.stderr);
    assert.match(svg.stdout, /<svg[\s>]/);
    assert.match(svg.stdout, /fill="#d62728">&#45;4</);
  });

  test("--out writes the file atomically, the format following its extension", async () => {
    const dir = mkdtempSync(join(tmpdir(), "retroprop-graph-"));
    try {
      const svgPath = join(dir, "sigmoid.svg");
      const r = run(SIGMOID, "--at", SIGMOID_AT, "--out", svgPath);
      assert.equal(r.status, 0, r.stderr);
      assert.match(r.stdout, /wrote .*sigmoid\.svg/);
      assert.match(readFileSync(svgPath, "utf8"), /<svg[\s>][\s\S]*0\.731/);
      const pngPath = join(dir, "sigmoid.png");
      assert.equal((await inProcess([SIGMOID, "--at", SIGMOID_AT, "--out", pngPath])).status, 0);
      assert.deepEqual([...readFileSync(pngPath).subarray(0, 4)], [0x89, 0x50, 0x4e, 0x47]);
      const jsonPath = join(dir, "out.txt");
      assert.equal((await inProcess(["x", "--at", "x=1", "--format", "json", "--out", jsonPath])).status, 0);
      assert.equal(JSON.parse(readFileSync(jsonPath, "utf8")).value, 1);
      assert.deepEqual(readdirSync(dir).sort(), ["out.txt", "sigmoid.png", "sigmoid.svg"]); // no temporary files left
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test("bad input: one line naming the problem, non-zero exit, no stack trace (separate processes)", () => {
    fails(run("x +* y", "--at", "x=1,y=2"), /syntax error at char 4 .*value expected/);
    fails(run("log(x)", "--at", "x=-3"), /log of -3 is undefined .*\(at log\(x\)\)/);
  });

  test("every kind of bad input, through the same main() in this process", async () => {
    const cases: Array<[string[], RegExp]> = [
      [["x +* y", "--at", "x=1,y=2"], /syntax error at char 4 .*value expected/],
      [["(x + y", "--at", "x=1,y=2"], /syntax error at char 7 .*parenthesis \) expected/],
      [["2 * foo(x)", "--at", "x=1"], /unknown function foo at char 5/],
      [["max(x)", "--at", "x=1"], /max takes 2 arguments/],
      [["x!", "--at", "x=1"], /operator ! \(factorial\) is not supported/],
      [["x + y", "--at", "x=1"], /no value for variable y \(give values with --at NAME=VALUE\)/],
      [["x + y", "--at", "x=1,y=abc"], /--at y: expected a number, got "abc"/],
      [["x", "--at", "x"], /--at: expected name=value, got "x"/],
      [["x", "--at", "x=1,z=2"], /--at: z does not appear in "x"/],
      [["x", "--at", "x=1,x=2"], /--at: x is given twice/],
      [["1/(x - 2)", "--at", "x=2"], /division by zero: 1 \/ 0 \(at 1 \/ \(x - 2\)\)/],
      [["sqrt(x)", "--at", "x=-1"], /sqrt of -1 is undefined/],
      [["sqrt(x)", "--at", "x=0"], /no finite gradient/],
      [["x", "--at", "x=1", "--format", "pdf"], /--format: expected one of text, json, dot, svg, png/],
      [["x", "--at", "x=1", "--format", "png"], /--format png needs --out/],
      // aʸ for a < 0 has no real derivative in y (the real log of a negative base)
      [["x^y", "--at", "x=-2,y=2"], /derivative of x \^ y with respect to y is undefined at x = -2, y = 2/],
      [[Array(5000).fill("x").join("+"), "--at", "x=1"], /too deeply nested .*\(9999 characters\)/],
      [[`${"(".repeat(3000)}x${")".repeat(3000)}`, "--at", "x=1"], /too deeply nested/],
      [["x", "--at", "x=1", "--out", tmpdir()], /is a folder, not a file/],
    ];
    for (const [args, message] of cases) {
      const r = await inProcess(args);
      assert.notEqual(r.status, 0, args.join(" "));
      assert.equal(r.stdout, "", args.join(" "));
      assert.match(r.stderr, /^retroprop: [^\n]*\n$/, args.join(" "));
      assert.match(r.stderr, message);
    }
  });

  test("--help has examples", async () => {
    const r = await inProcess(["--help"]);
    assert.equal(r.status, 0);
    assert.match(r.stdout, /Examples/);
    assert.match(r.stdout, /retroprop graph "\(x \+ y\) \* z" --at x=-2,y=5,z=-4/);
  });
});

describe("parseAt", () => {
  test("name=value pairs, commas and repeats", () => {
    assert.deepEqual(parseAt(["x=-2,y=5", "z = -4"]), { x: -2, y: 5, z: -4 });
    assert.deepEqual(parseAt([]), {});
    assert.deepEqual(parseAt(["lr=1/35"]), { lr: 1 / 35 });
  });
  test("bad forms are one-line errors", () => {
    for (const [spec, message] of [
      ["x", /expected name=value/],
      ["=3", /"" is not a variable name/],
      ["2x=3", /"2x" is not a variable name/],
      ["x=", /no value for x/],
      ["x=1,x=2", /x is given twice/],
      ["x=1e999", /expected a number/],
    ] as const) {
      assert.throws(
        () => parseAt([spec]),
        (err: unknown) => err instanceof RetropropError && message.test(err.message),
      );
    }
  });
});

describe("retroprop graph: wires, vectors and matrices", () => {
  test("the text lists every wire with its rule and local × from above, from note 001's numbers", async () => {
    const r = await inProcess(["(x + y) * z", "--at", "x=-2,y=5,z=-4"]);
    assert.equal(r.status, 0, r.stderr);
    // ∂q/∂x = 1, ∂f/∂q = −4; ∂f/∂q = z = −4 with 1 from above; ∂f/∂z = q = 3.
    assert.match(r.stdout, /^x\s+x \+ y\s+add distributes\s+1\s+×\s+-4\s+=\s+-4$/m);
    assert.match(r.stdout, /^x \+ y\s+\(x \+ y\) \* z\s+multiply swaps\s+z = -4\s+×\s+1\s+=\s+-4$/m);
    assert.match(r.stdout, /^z\s+\(x \+ y\) \* z\s+multiply swaps\s+\(x \+ y\) = 3\s+×\s+1\s+=\s+3$/m);
    const branch = await inProcess(["x * y + x", "--at", "x=2,y=5"]);
    // ∂f/∂x = y + 1 = 5 + 1: the two wires from x add.
    assert.match(branch.stdout, /^branches add: ∂f\/∂x = 5 \+ 1 = 6$/m);
    const tie = await inProcess(["max(x, y)", "--at", "x=1,y=1"]);
    assert.match(tie.stdout, /^note: max at a tie \(x = y\): the notes' rule 1\(x ≥ y\), 1\(y ≥ x\)/m);
  });

  test('--at "W=[[1,2],[3,4]]" --at "x=[1,-1]" --at "b=[0,1]": z = W·x + b and its Jacobians', async () => {
    const r = await inProcess(["W*x + b", "--at", "W=[[1,2],[3,4]]", "--at", "x=[1,-1]", "--at", "b=[0,1]"]);
    assert.equal(r.status, 0, r.stderr);
    // z = (1 − 2 + 0, 3 − 4 + 1); ∂z/∂x = W; ∂z/∂b = I; ∂zᵢ/∂Wⱼₖ = [i = j]·xₖ.
    assert.match(r.stdout, /^f = \[-1,0\]$/m);
    assert.match(r.stdout, /^∂f\/∂x = \[\[1,2\],\[3,4\]\], Jacobian \[2\] × \[2\]$/m);
    assert.match(r.stdout, /^∂f\/∂b = \[\[1,0\],\[0,1\]\], Jacobian \[2\] × \[2\]$/m);
    assert.match(
      r.stdout,
      /^∂f\/∂W = \[\[\[1,-1\],\[0,0\]\],\[\[0,0\],\[1,-1\]\]\], Jacobian \[2\] × \[2, 2\]$/m,
    );
    assert.match(r.stdout, /^ {2}local ∂\(W \* x\)\/∂W, \[2\] × \[2, 2\]: /m);
    const json = await inProcess(["softmax(z)", "--at", "z=[0,0]", "--format", "json"]);
    const out = JSON.parse(json.stdout);
    // s = (½, ½): diag(s) − s·sᵀ = [[¼, −¼], [−¼, ¼]].
    assert.deepEqual(out.value, [0.5, 0.5]);
    assert.deepEqual(out.gradients.z, [
      [0.25, -0.25],
      [-0.25, 0.25],
    ]);
    assert.equal(out.edges[0].formula, "diag(s) − s·sᵀ");
    assert.deepEqual(out.edges[0].localShape, [2, 2]);
  });

  test("bad arrays in --at are one-line errors", async () => {
    for (const [at, message] of [
      ["x=[1,2", /--at x: expected a JSON array of numbers/],
      ['x=[1,"a"]', /--at x: every element of .* must be a number/],
      ["x=[[[[[1]]]]]", /--at x: arrays nested more than 4 deep/],
      ["x=[[1,2],[3]]", /the value of x is not a number, vector or matrix/],
      ["x=[1,2],x=3", /--at: x is given twice/],
    ] as const) {
      const r = await inProcess(["sum(x)", "--at", at]);
      assert.notEqual(r.status, 0, at);
      assert.match(r.stderr, /^retroprop: [^\n]*\n$/, at);
      assert.match(r.stderr, message, at);
    }
    const shapes = await inProcess(["W*x", "--at", "W=[[1,2],[3,4]],x=[1,2,3]"]);
    assert.match(shapes.stderr, /^retroprop: shapes do not fit in W \* x: /);
  });
});

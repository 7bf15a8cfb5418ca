import assert from "node:assert/strict";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { after, test } from "node:test";
import { gzipSync } from "node:zlib";
import { csvToDataset, splitCsvLine } from "../../src/data/csv.js";
import { readCsvDataset } from "../../src/data/csv-file.js";
import { InputError } from "../../src/util/errors.js";
import { tempDir } from "./helpers.js";

const { dir, cleanup } = tempDir();
after(cleanup);
const file = (name: string, content: string | Uint8Array): string => {
  const p = join(dir, name);
  writeFileSync(p, content);
  return p;
};

function throwsInput(fn: () => unknown, pattern: RegExp): void {
  assert.throws(fn, (err: unknown) => {
    assert.ok(err instanceof InputError, `expected InputError, got ${err}`);
    assert.match((err as Error).message, pattern);
    return true;
  });
}

test("scikit-learn header: class names from the header, integer labels one-hot", () => {
  const text = "4,2,setosa,versicolor,virginica\n5.1,3.5,0\n7.0,3.2,1\n6.3,3.3,2\n4.9,3.0,0\n";
  const ds = csvToDataset(text, "mini.csv");
  assert.deepEqual(ds.x.shape, [4, 2]);
  assert.deepEqual(Array.from(ds.x.data), [5.1, 3.5, 7.0, 3.2, 6.3, 3.3, 4.9, 3.0].map(Math.fround));
  assert.deepEqual(ds.classNames, ["setosa", "versicolor", "virginica"]);
  assert.deepEqual(Array.from(ds.labels!), [0, 1, 2, 0]);
  assert.deepEqual(ds.y.shape, [4, 3]);
  assert.deepEqual(Array.from(ds.y.data), [1, 0, 0, 0, 1, 0, 0, 0, 1, 1, 0, 0]);
  assert.equal(ds.task, "classification");
  assert.equal(ds.name, "mini");
});

test("scikit-learn header with two classes gives one 0/1 column", () => {
  const ds = csvToDataset("3,1,malignant,benign\n1.5,0\n2.5,1\n3.5,1\n", "bc.csv");
  assert.deepEqual(ds.y.shape, [3, 1]);
  assert.deepEqual(Array.from(ds.y.data), [0, 1, 1]);
  assert.deepEqual(ds.classNames, ["malignant", "benign"]);
});

test("scikit-learn header: sample count and label range are checked", () => {
  throwsInput(
    () => csvToDataset("3,1,a,b\n1,0\n2,1\n", "n.csv"),
    /n\.csv:1: header says 3 samples, the file has 2 data rows/,
  );
  throwsInput(
    () => csvToDataset("2,1,a,b\n1,0\n2,2\n", "r.csv"),
    /r\.csv:3:2: label "2" is not a class index 0\.\.1 \(a, b\)/,
  );
});

test("named header with string labels: classes sorted, label column by name or index", () => {
  const text = "species,len,width\nb,1,2\na,3,4\nc,5,6\na,7,8\n";
  const byName = csvToDataset(text, "s.csv", { label: "species" });
  assert.deepEqual(byName.featureNames, ["len", "width"]);
  assert.deepEqual(byName.classNames, ["a", "b", "c"]);
  assert.deepEqual(Array.from(byName.labels!), [1, 0, 2, 0]);
  assert.deepEqual(Array.from(byName.x.data), [1, 2, 3, 4, 5, 6, 7, 8]);
  const byIndex = csvToDataset(text, "s.csv", { label: 0 });
  assert.deepEqual(Array.from(byIndex.labels!), [1, 0, 2, 0]);
  const byString = csvToDataset(text, "s.csv", { label: "0" });
  assert.deepEqual(Array.from(byString.labels!), [1, 0, 2, 0]);
  const negative = csvToDataset(text, "s.csv", { label: -3 });
  assert.deepEqual(Array.from(negative.labels!), [1, 0, 2, 0]);
  throwsInput(
    () => csvToDataset(text, "s.csv", { label: "colour" }),
    /s\.csv: no column named "colour" \(columns: species, len, width\)/,
  );
  throwsInput(
    () => csvToDataset(text, "s.csv", { label: 3 }),
    /label column 3 is out of range \(the file has 3 columns\)/,
  );
});

test("no header: every line is data; integer labels sorted numerically", () => {
  const ds = csvToDataset("0,1,10\n2,3,2\n4,5,10\n6,7,1\n", "d.csv");
  assert.equal(ds.x.shape[0], 4);
  assert.deepEqual(ds.classNames, ["1", "2", "10"]);
  assert.deepEqual(Array.from(ds.labels!), [2, 1, 2, 0]);
  throwsInput(
    () => csvToDataset("1,2,0\n3,4,1\n", "h.csv", { label: "x" }),
    /has no header, so the label column must be an index/,
  );
});

test("header detection can be forced off or on", () => {
  // a first line of numbers read as names when forced
  const forced = csvToDataset("1,2,3\n4,5,0\n6,7,1\n", "f.csv", { header: true });
  assert.equal(forced.x.shape[0], 2);
  assert.deepEqual(forced.featureNames, ["1", "2"]);
});

test("wrong number of fields is reported with file and line", () => {
  throwsInput(
    () => csvToDataset("a,b,c\n1,2,0\n3,4\n5,6,1\n", "w.csv"),
    /^w\.csv:3: expected 3 fields, found 2/,
  );
  // blank lines keep the numbering of the file
  throwsInput(() => csvToDataset("1,2,0\n\n3,4,1,9\n", "b.csv"), /^b\.csv:3: expected 3 fields, found 4/);
});

test("a non-numeric or empty feature is reported with file:line:column and the column name", () => {
  throwsInput(
    () => csvToDataset("a,b,c\n1,2,0\n3,x4,1\n", "n.csv"),
    /^n\.csv:3:2: column 2 "b": "x4" is not a number/,
  );
  throwsInput(() => csvToDataset("1,2,0\n3,,1\n", "e.csv"), /^e\.csv:2:2: column 2: empty field/);
  // Numbers float32 cannot hold would train as Infinity and surface as a "diverged" loss: refused here.
  throwsInput(
    () => csvToDataset("a,b,c\n1,2,0\n3,1e400,1\n", "big.csv"),
    /^big\.csv:3:2: column 2 "b": "1e400" is too large for a float32/,
  );
  throwsInput(
    () => csvToDataset("1,-1e39,0\n3,4,1\n", "big2.csv"),
    /^big2\.csv:1:2: column 2: "-1e39" is too large/,
  );
});

test("regression is chosen for non-integer numeric labels (or forced)", () => {
  const ds = csvToDataset("x,y\n1,0.5\n2,1.5\n3,2.25\n", "reg.csv");
  assert.equal(ds.task, "regression");
  assert.deepEqual(Array.from(ds.y.data), [0.5, 1.5, 2.25]);
  assert.deepEqual(ds.outputNames, ["y"]);
  assert.equal(ds.labels, null);
  const forced = csvToDataset("1,2\n2,4\n3,6\n", "int.csv", { task: "regression" });
  assert.deepEqual(Array.from(forced.y.data), [2, 4, 6]);
  throwsInput(
    () => csvToDataset("1,a\n2,b\n", "r.csv", { task: "regression" }),
    /r\.csv:1:2: target "a" is not a number/,
  );
  throwsInput(
    () => csvToDataset("x,y\n1,0.5\n2,1e400\n", "rbig.csv"),
    /rbig\.csv:3:2: target "1e400" is too large/,
  );
});

test("a single class is refused", () => {
  throwsInput(() => csvToDataset("1,0\n2,0\n", "one.csv"), /single class/);
});

test("quoted fields, CRLF line endings and a byte-order mark", () => {
  assert.deepEqual(splitCsvLine('"a,b", "say ""hi""",3'), ["a,b", 'say "hi"', "3"]);
  const ds = csvToDataset('\ufeff"f 1","label"\r\n1,"x"\r\n2,"y"\r\n', "q.csv");
  assert.deepEqual(ds.featureNames, ["f 1"]);
  assert.deepEqual(ds.classNames, ["x", "y"]);
  throwsInput(() => splitCsvLine('1,"open', ",", "q.csv:7"), /q\.csv:7: unterminated quoted field/);
});

test("files: plain, gzipped (by content), missing, corrupt gzip", async () => {
  const text = "2,1,no,yes\n0.5,0\n1.5,1\n";
  const plain = await readCsvDataset(file("t.csv", text));
  const gz = await readCsvDataset(file("t.csv.gz", gzipSync(text)));
  assert.deepEqual(Array.from(gz.x.data), Array.from(plain.x.data));
  assert.deepEqual(gz.classNames, ["no", "yes"]);
  assert.equal(gz.name, "t");
  await assert.rejects(readCsvDataset(join(dir, "missing.csv")), /missing\.csv: no such file/);
  const cut = gzipSync(text).subarray(0, 15);
  await assert.rejects(
    readCsvDataset(file("cut.csv.gz", cut)),
    /cut\.csv\.gz: corrupt or truncated gzip data/,
  );
  await assert.rejects(readCsvDataset(file("empty.csv", "\n\n")), /empty\.csv: empty CSV file/);
});

test("chosen feature columns: in the order asked, others unread (text allowed), the label never a feature", () => {
  const text = "id,a,b,c,kind\nr1,1,2,3,x\nr2,4,5,6,y\n";
  const ds = csvToDataset(text, "pick.csv", { label: "kind", features: ["c", 1] });
  assert.deepEqual(ds.featureNames, ["c", "a"]);
  assert.deepEqual(Array.from(ds.x.data), [3, 1, 6, 4]);
  assert.deepEqual(ds.classNames, ["x", "y"]);
  throwsInput(
    () => csvToDataset(text, "pick.csv", { label: "kind", features: ["id"] }),
    /pick\.csv:2:1: column 1 "id": "r1" is not a number/,
  );
  throwsInput(
    () => csvToDataset(text, "pick.csv", { label: "kind", features: ["kind"] }),
    /is the label column/,
  );
  throwsInput(() => csvToDataset(text, "pick.csv", { label: "kind", features: ["a", "a"] }), /chosen twice/);
  throwsInput(
    () => csvToDataset(text, "pick.csv", { label: "kind", features: [9] }),
    /feature column 9 is out of range/,
  );
  throwsInput(() => csvToDataset(text, "pick.csv", { label: "kind", features: [] }), /no feature columns/);
});

// Runs one other English entity extractor over every .txt file under a folder and prints its
// throughput, for scripts/compare-extractors.sh. Usage: node compare.mjs wink|compromise FOLDER
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";

const [tool, folder] = process.argv.slice(2);
if (!["wink", "compromise"].includes(tool) || !folder) {
  console.error("usage: node compare.mjs wink|compromise FOLDER");
  process.exit(2);
}

function* textFiles(dir) {
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) yield* textFiles(path);
    else if (name.endsWith(".txt")) yield path;
  }
}

// Each extractor does what dyad's entity stages do: find the named entities of a document.
let extract;
if (tool === "wink") {
  const winkNLP = (await import("wink-nlp")).default;
  const model = (await import("wink-eng-lite-web-model")).default;
  const nlp = winkNLP(model);
  extract = (text) => nlp.readDoc(text).entities().out().length;
} else {
  const nlp = (await import("compromise")).default;
  extract = (text) => {
    const doc = nlp(text);
    return doc.people().length + doc.places().length + doc.organizations().length;
  };
}

let bytes = 0;
let entities = 0;
let files = 0;
const start = process.hrtime.bigint();
for (const path of textFiles(folder)) {
  const text = readFileSync(path, "utf8");
  bytes += Buffer.byteLength(text);
  entities += extract(text);
  ++files;
}
const seconds = Number(process.hrtime.bigint() - start) / 1e9;
const rss = process.memoryUsage().rss;
console.log(
  `${tool}: ${files} files, ${(bytes / 1e6).toFixed(1)} MB in ${seconds.toFixed(1)} s: ` +
    `${(bytes / 1e6 / seconds).toFixed(2)} MB/s, ${entities} entities, RSS ${(rss / 1048576).toFixed(0)} MB`,
);

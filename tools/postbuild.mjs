// Trunk post_build hook (see Trunk.toml). Runs in the staging directory that
// becomes dist/:
//  0. minifies the JS with terser (Trunk's own minifier cannot parse
//     wasm-bindgen's output) and updates the integrity attributes;
//  1. puts the sha256 of every inline <script> into the CSP in index.html, so
//     the policy can forbid all other inline script;
//  2. names the year view's module (copied to year/ from its own build, see
//     tools/build-year.sh) in the page for src/year.js, which loads it on
//     demand, and drops that build's own index.html;
//  3. writes sw.js, the service worker, with the list of files to cache and a
//     version derived from their contents: a new deploy gets a new cache and
//     the old one is deleted, so a stale app never sticks.
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync, readdirSync, statSync, rmSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { minify } from 'terser';

const PLACEHOLDER = 'KALKYL_INLINE_SCRIPT_HASHES';
const staging = process.env.TRUNK_STAGING_DIR;
if (!staging) {
  console.error('postbuild: TRUNK_STAGING_DIR is not set; run me from Trunk');
  process.exit(1);
}

const indexPath = join(staging, 'index.html');
let html = readFileSync(indexPath, 'utf8');

// 0. Minifies the app's JS with terser: wasm-bindgen's glue and the
// snippets (Trunk's own minifier cannot parse wasm-bindgen's output and
// leaves it as it is). Names of imports and exports are kept (`module`),
// and the wasm imports are properties, which terser never renames. The
// integrity attribute of each file the page preloads is updated.
const jsFiles = listFiles(staging)
  .map((p) => relative(staging, p).split(sep).join('/'))
  .filter((f) => f.endsWith('.js') && f !== 'sw.js');
for (const name of jsFiles) {
  const path = join(staging, name);
  const { code } = await minify(readFileSync(path, 'utf8'), {
    module: true,
    compress: true,
    mangle: true,
    format: { comments: false },
  });
  if (!code) {
    console.error(`postbuild: terser gave no output for ${name}`);
    process.exit(1);
  }
  writeFileSync(path, code);
  const integrity = `sha384-${createHash('sha384').update(code, 'utf8').digest('base64')}`;
  const escaped = name.replace(/[.]/g, '\\.');
  const attr = new RegExp(`(href="?\\.?/?${escaped}"?[^>]*?integrity=)"?sha384-[A-Za-z0-9+/=]+"?`, 'g');
  const before = html;
  html = html.replace(attr, `$1"${integrity}"`);
  if (html === before && html.includes(`integrity`) && html.includes(name)) {
    console.error(`postbuild: could not update the integrity of ${name}`);
    process.exit(1);
  }
}
if (!html.includes(PLACEHOLDER)) {
  console.error(`postbuild: ${PLACEHOLDER} not found in index.html`);
  process.exit(1);
}
const hashes = [];
for (const m of html.matchAll(/<script(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/g)) {
  hashes.push(`'sha256-${createHash('sha256').update(m[1], 'utf8').digest('base64')}'`);
}
html = html.replace(PLACEHOLDER, hashes.join(' '));

// 2. The year module: its JS and WASM have content hashes in their names.
const yearDir = join(staging, 'year');
const yearFiles = readdirSync(yearDir);
const yearJs = yearFiles.filter((f) => f.endsWith('.js'));
const yearWasm = yearFiles.filter((f) => f.endsWith('_bg.wasm'));
if (yearJs.length !== 1 || yearWasm.length !== 1) {
  console.error(`postbuild: expected one .js and one _bg.wasm in year/, found ${yearFiles.join(', ')}`);
  process.exit(1);
}
rmSync(join(yearDir, 'index.html'), { force: true });
// Trunk copies every snippet in wasm-bindgen's output folder, which the two
// builds share: the app's snippets are not the year module's.
if (!readFileSync(join(yearDir, yearJs[0]), 'utf8').includes('snippets/')) {
  rmSync(join(yearDir, 'snippets'), { recursive: true, force: true });
}
html = html.replace(
  '</head>',
  `<meta name="kalkyl-year-js" content="year/${yearJs[0]}">\n` +
    `<meta name="kalkyl-year-wasm" content="year/${yearWasm[0]}">\n</head>`,
);
writeFileSync(indexPath, html);

function listFiles(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? listFiles(path) : [path];
  });
}
const files = listFiles(staging)
  .map((p) => relative(staging, p).split(sep).join('/'))
  .filter((p) => p !== 'sw.js')
  .sort();
const version = createHash('sha256');
for (const f of files) {
  version.update(f).update('\0').update(readFileSync(join(staging, f))).update('\0');
}
const template = readFileSync(new URL('./sw.template.js', import.meta.url), 'utf8');
const sw = template
  .replace("'__KALKYL_VERSION__'", JSON.stringify(version.digest('hex').slice(0, 16)))
  .replace("['__KALKYL_FILES__']", JSON.stringify(['./', ...files.map((f) => `./${f}`)]));
writeFileSync(join(staging, 'sw.js'), sw);
console.log(`postbuild: ${hashes.length} inline script hash(es); sw.js caches ${files.length} files`);

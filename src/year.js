// Plumbing for src/year.rs, which documents it: loads the on-demand module
// (the year view and the table charts: its own wasm-bindgen JS and WASM,
// named in the page by tools/postbuild.mjs) once, mounts the year view into
// `slot`, and draws a table's charts.
let loading = null;

export function year_import() {
  loading ??= (async () => {
    const named = (name) => {
      const meta = document.querySelector('meta[name="' + name + '"]');
      return meta && meta.getAttribute('content');
    };
    const js = named('kalkyl-year-js');
    const wasm = named('kalkyl-year-wasm');
    if (!js || !wasm) throw new Error('the page does not name the year module');
    const year = await import(new URL(js, document.baseURI).href);
    await year.default({ module_or_path: new URL(wasm, document.baseURI).href });
    return year;
  })();
  // A failed load may be tried again (offline, then online).
  loading.catch(() => { loading = null; });
  return loading;
}

export async function year_load(slot, lang, onChange, download, copy) {
  const year = await year_import();
  return new year.YearView(slot, lang, onChange, download, copy);
}

export function year_charts(year, workspace, lang) {
  return year.table_charts(workspace, lang);
}

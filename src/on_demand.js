// Plumbing for src/on_demand.rs, which documents it: loads the on-demand
// module (crates/kalkyl-year: the year view, the table charts, the reader of
// text without delimiters; its own wasm-bindgen JS and WASM, named in the
// page by tools/postbuild.mjs) once, and calls into it.
let loading = null;

export function module_import() {
  loading ??= (async () => {
    const named = (name) => {
      const meta = document.querySelector('meta[name="' + name + '"]');
      return meta && meta.getAttribute('content');
    };
    const js = named('kalkyl-year-js');
    const wasm = named('kalkyl-year-wasm');
    if (!js || !wasm) throw new Error('the page does not name the on-demand module');
    const year = await import(new URL(js, document.baseURI).href);
    await year.default({ module_or_path: new URL(wasm, document.baseURI).href });
    return year;
  })();
  // A failed load may be tried again (offline, then online).
  loading.catch(() => { loading = null; });
  return loading;
}

export function year_view(year, slot, lang, onChange, download, copy) {
  return new year.YearView(slot, lang, onChange, download, copy);
}

export function table_charts(year, workspace, lang) {
  return year.table_charts(workspace, lang);
}

export function line_layout(year, plain, choices) {
  return year.line_layout(plain, choices);
}

export function workspace_file(year, store, savedAt) {
  return year.workspace_file(store, savedAt);
}

export function table_file(year, sheet, kind, lang) {
  return year.table_file(sheet, kind, lang);
}

export function read_workspace(year, file, lang) {
  return year.read_workspace(file, lang);
}

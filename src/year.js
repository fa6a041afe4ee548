// Plumbing for src/year.rs, which documents it: loads the year view's
// module (its own wasm-bindgen JS and WASM, named in the page by
// tools/postbuild.mjs) and mounts the view into `slot`. `download` and
// `copy` are the app's browser effects, which the view calls.
export async function year_load(slot, lang, onChange, download, copy) {
  const named = (name) => {
    const meta = document.querySelector('meta[name="' + name + '"]');
    return meta && meta.getAttribute('content');
  };
  const js = named('kalkyl-year-js');
  const wasm = named('kalkyl-year-wasm');
  if (!js || !wasm) throw new Error('the page does not name the year module');
  const year = await import(new URL(js, document.baseURI).href);
  await year.default({ module_or_path: new URL(wasm, document.baseURI).href });
  return new year.YearView(slot, lang, onChange, download, copy);
}

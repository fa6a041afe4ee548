// Plumbing for src/storage.rs, which documents it and decides everything.
const S = "workspace", C = "current";
const tab = String(Math.random()).slice(2);
let channel;
try { channel = new BroadcastChannel("kalkyl-workspace"); } catch (e) {}

const on = (t, ok, fail, value) => new Promise((resolve, reject) => {
  t[ok] = () => resolve(value());
  t[fail] = (e) => {
    let error;
    try { error = t.error; } catch (_) {}
    reject(error || { name: e.type });
  };
});

export async function idb_open() {
  const r = indexedDB.open("kalkyl", 1);
  r.onupgradeneeded = () => r.result.createObjectStore(S);
  const opened = on(r, "onsuccess", "onerror", () => r.result);
  r.onblocked = r.onerror;
  const db = await opened;
  db.onversionchange = () => db.close();
  return db;
}

export async function idb_read(db, write) {
  const store = db.transaction(S, write ? "readwrite" : "readonly").objectStore(S);
  const r = store.get(C);
  const record = await on(r, "onsuccess", "onerror", () => r.result);
  return { store, record, mine: !!record && record.tab === tab };
}

export async function idb_put(store, aside, revision, text) {
  const saved_at = new Date().toISOString();
  store.put({ revision, tab, saved_at, text }, aside ? "unreadable-" + saved_at : C);
  await on(store.transaction, "oncomplete", "onabort", () => 0);
  if (!aside && channel) channel.postMessage(tab + " " + revision);
}

export function idb_listen(f) {
  channel.addEventListener("message", (e) => {
    const [from, revision] = String(e.data).split(" ");
    if (from !== tab) f(Number(revision) || 0);
  });
}

// Starts the SecretPath app. Trunk writes the hashed names of the wasm-bindgen JS and the wasm
// module onto <meta name="secretpath-app"> (see Trunk.toml `pattern_script`); this external
// module loads them, so the page needs no inline script and its CSP can forbid them.
try {
  const meta = document.querySelector('meta[name="secretpath-app"]');
  if (!meta) throw new Error('the page has no <meta name="secretpath-app"> (built without Trunk.toml?)');
  const js = new URL(meta.dataset.js, document.baseURI).href;
  const wasm = new URL(meta.dataset.wasm, document.baseURI).href;

  const { default: init } = await import(js);
  const instance = await init({ module_or_path: wasm });
  dispatchEvent(new CustomEvent('TrunkApplicationStarted', { detail: { wasm: instance } }));
} catch (error) {
  // Say so on the page rather than leaving it blank; text only, never HTML.
  const notice = document.createElement('p');
  notice.className = 'notice notice--error boot-error';
  notice.setAttribute('role', 'alert');
  notice.dataset.testid = 'load-error';
  notice.textContent = `SecretPath could not start: ${error}`;
  document.body.append(notice);
  throw error;
}

// Paints a share link as itself. The build (scripts/csp-hook.mjs) puts this
// parser-blocking script right after the banner's place (#island-notices),
// so it runs before the form below is parsed, let alone painted:
// - for a share link, it shows the banner the WebAssembly will mount (the
//   prerendered <template id="link-banner">, from the same component), so
//   the form has its place from the first paint and does not move at
//   takeover;
// - once the form is parsed, it writes the link's (or the saved draft's)
//   name and URL into the prerendered fields as their HTML values, which
//   the takeover then finds unchanged (nothing typed to replay);
// - until the WebAssembly runs, a click on a tab shows its panel; the
//   takeover opens the same tab in the live page (src/ui/takeover.rs).
(() => {
  const template = document.getElementById('link-banner');
  const slot = document.getElementById('island-notices');
  if (!template || !slot) return;
  const known = (template.dataset.params ?? '').split(',');
  const query = new URLSearchParams(location.search);
  const fromLink = [...query.keys()].some((key) => known.includes(key));
  let draft = fromLink ? query : null;
  if (!draft) {
    try {
      const saved = localStorage.getItem(template.dataset.draftKey);
      if (saved) draft = new URLSearchParams(saved);
    } catch { /* storage may be off: the defaults stay */ }
  }

  // The host as the page writes it (src/validate/url.rs), or null where the
  // page would not take the URL: then the banner has no host line either.
  const hostOf = (typed) => {
    const trimmed = typed.trim();
    if (!trimmed || /\s/.test(trimmed)) return null;
    try {
      const url = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(trimmed) ? trimmed : `https://${trimmed}`);
      const ok = (url.protocol === 'https:' || url.protocol === 'http:') && url.hostname && !url.username && !url.password && !url.hash;
      return ok ? url.hostname : null;
    } catch {
      return null;
    }
  };

  if (fromLink) {
    const banner = template.content.cloneNode(true);
    const line = banner.querySelector('[data-testid="share-host"]');
    const host = query.has('url') ? hostOf(query.get('url')) : null;
    const code = line?.querySelector('code');
    if (host && code) code.textContent = host;
    else line?.remove();
    slot.replaceChildren(banner);
  }

  const page = document.getElementById('page');
  document.addEventListener('DOMContentLoaded', () => {
    if (draft) {
      for (const key of ['name', 'url']) {
        const input = page.querySelector(`[data-testid="${key}-input"]`);
        const value = draft.get(key);
        // Only while nothing was typed: the value attribute is what the
        // takeover compares with.
        if (input && value !== null && input.value === input.defaultValue) input.defaultValue = value;
      }
    }
    page.addEventListener('click', (event) => {
      const tab = event.target.closest?.('[role="tab"]');
      if (!tab || page.hasAttribute('data-live')) return;
      for (const other of tab.parentElement.querySelectorAll('[role="tab"]')) {
        const selected = other === tab;
        other.setAttribute('aria-selected', String(selected));
        other.tabIndex = selected ? 0 : -1;
        document.getElementById(other.getAttribute('aria-controls'))?.toggleAttribute('hidden', !selected);
      }
    });
  }, { once: true });
})();

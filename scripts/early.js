// The page before the program owns it. The build (scripts/csp-hook.mjs)
// puts this parser-blocking script right after the banner's place
// (#island-notices), so it runs before the form below is parsed, let alone
// painted:
// - for a share link, it shows the banner the program will mount (the
//   prerendered <template id="link-banner">, from the same component), so
//   the form has its place from the first paint and does not move at
//   takeover;
// - once the form is parsed, it writes the link's (or the saved draft's)
//   name and URL into the prerendered fields as their HTML values, which
//   the takeover then finds unchanged;
// - for a link (or a saved draft) for another client than the one
//   prerendered, it lays the page out for that client as the form is
//   parsed, before it is painted: its layout (#page's data-layout), the
//   sections it has no use for hidden (data-section), and each of the
//   form's words in its words (data-word), from the table the build
//   prerendered with the same rooms (the template's data-clients);
// - for a link (or a saved draft) whose parts go live at once (the form's
//   for tools or another client, the clients' for that client's outputs),
//   it asks for their files after the first paint, beside the main part;
// - it keeps every press, key and input made on a part of the page before
//   that part is live (`.island` without `data-live`), and applies them to
//   the live part once it is (the program marks it `data-live`), in the
//   order they were made and each once, as the same click, input, change
//   or key a person would make (a part does not wait for another); focus and the caret follow. One mechanism
//   for every control, whichever part of the program owns it (src/ui/start,
//   src/ui/later). Until then a pressed button shows that it is waiting,
//   and a tab shows its panel. Once the program has started
//   (`#page[data-started]`) and everything kept is applied, the page is
//   `#page[data-live]`.
(() => {
  const page = document.getElementById('page');
  const template = document.getElementById('link-banner');
  const slot = document.getElementById('island-notices');
  if (!page) return;
  page.setAttribute('data-keeps-presses', '');
  const known = (template?.dataset.params ?? '').split(',');
  let clients = {};
  try {
    clients = JSON.parse(template?.dataset.clients ?? '{}');
  } catch { /* no table: the page shows as prerendered until it is live */ }
  const query = new URLSearchParams(location.search);
  const fromLink = Boolean(template && slot) && [...query.keys()].some((key) => known.includes(key));
  let draft = fromLink ? query : null;
  if (!draft && template) {
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
    // The client a link is for (`client=`), named as the live banner does.
    const list = banner.querySelector('ul');
    const named = clients.clients?.[query.get('client') ?? '']?.words?.name;
    if (named && list && template.dataset.clientLine) {
      const item = document.createElement('li');
      item.textContent = template.dataset.clientLine.replace('NAME', named);
      list.append(item);
    }
    slot.replaceChildren(banner);
  }

  // The page for another client than the one prerendered, from the first
  // paint: every element the parser adds is put in that client's words
  // before it is painted (a mutation observer runs before the next frame),
  // and once more when the document is parsed.
  const client = draft?.get('client');
  const spec = client && client !== clients.prerendered ? clients.clients?.[client] : null;
  if (spec) {
    page.setAttribute('data-client', client);
    page.setAttribute('data-layout', spec.layout);
    // A word's `code`, in backquotes, is code, as the live page shows it.
    const say = (el, text) => el.replaceChildren(...text.split('`').map((part, i) => {
      if (i % 2 === 0) return part;
      const code = document.createElement('code');
      code.textContent = part;
      return code;
    }));
    const lay = (root) => {
      const all = (selector) => [...(root.matches?.(selector) ? [root] : []), ...root.querySelectorAll(selector)];
      for (const el of all('[data-word]')) if (el.dataset.word in spec.words) say(el, spec.words[el.dataset.word]);
      for (const el of all('[data-word-placeholder]')) if (el.dataset.wordPlaceholder in spec.words) el.placeholder = spec.words[el.dataset.wordPlaceholder];
      for (const el of all('[data-section]')) el.hidden = spec.hide.includes(el.dataset.section);
      for (const el of all('[data-client-option]')) el.setAttribute('aria-pressed', String(el.dataset.clientOption === client));
    };
    // What the parser has added before this script (the title and the
    // lede above the notices) is laid out now, before its first paint:
    // painted in the prerendered client's words, it would flash them and
    // count as the page's largest paint only until the live part replaced it.
    lay(page);
    const parsing = new MutationObserver((records) => {
      for (const record of records) for (const node of record.addedNodes) if (node.nodeType === Node.ELEMENT_NODE) lay(node);
    });
    parsing.observe(page, { childList: true, subtree: true });
    document.addEventListener('DOMContentLoaded', () => {
      parsing.disconnect();
      lay(page);
      if (spec.words.name) document.title = document.title.replace(clients.prerenderedName ?? '', spec.words.name);
    }, { once: true });
  }

  // A link or saved draft that sets more than the name and URL has the
  // form's part taken over at once (src/ui/page/mod.rs, needed_at_once), and
  // one for a client whose outputs are a part of their own (the panel
  // layout) that part too: their files are asked for as the main part is,
  // after the first paint, rather than once it has started. The build lists
  // each part's files (the template's data-parts); the split's loader's
  // fetches then find them on their way.
  let parts = {};
  try {
    parts = JSON.parse(template?.dataset.parts ?? '{}');
  } catch { /* no list: the parts load when the program asks */ }
  const asked = new Set();
  const ask = (files) => {
    for (const href of files ?? []) {
      if (asked.has(href)) continue;
      asked.add(href);
      const link = document.createElement('link');
      link.rel = 'preload';
      link.as = 'fetch';
      link.crossOrigin = 'anonymous';
      link.href = href;
      document.head.append(link);
    }
  };
  const wanted = [
    ...(draft && [...draft.keys()].some((key) => key !== 'name' && key !== 'url') ? parts.form ?? [] : []),
    ...(spec?.layout === 'panel' ? parts.clients ?? [] : []),
  ];
  // After the first paint, as the loader starts the main part: before it,
  // they would share the slow network with the HTML that paints.
  if (wanted.length) {
    let asking = false;
    const go = () => { if (!asking) { asking = true; ask(wanted); } };
    setTimeout(go, 500);
    try {
      new PerformanceObserver((list, observer) => {
        if (list.getEntriesByName('first-contentful-paint').length === 0) return;
        observer.disconnect();
        setTimeout(go, 0);
      }).observe({ type: 'paint', buffered: true });
    } catch { /* the 500 ms above */ }
  }

  const CONTROL = 'input, textarea, select, button, summary';
  const isLive = (island) => island.hasAttribute('data-live');
  const toggles = (el) => el.matches('input[type="checkbox"], input[type="radio"]');

  // Names a control the same way in the prerendered and the live part: its
  // id, or what it is and which of the part's controls so named it is.
  const nameOf = (el) => [
    el.tagName,
    el.dataset.testid ?? '',
    el.closest('[data-name]')?.dataset.name ?? '',
    el.getAttribute('name') ?? '',
    toggles(el) ? el.value : '',
  ].join('|');
  const keyOf = (el, island) => {
    if (el.id) return `#${el.id}`;
    const name = nameOf(el);
    const same = [...island.querySelectorAll(CONTROL)].filter((c) => !c.id && nameOf(c) === name);
    return `${name}|${same.indexOf(el)}`;
  };
  const find = (island, key) => {
    if (key.startsWith('#')) return island.querySelector(`[id="${CSS.escape(key.slice(1))}"]`);
    const at = key.lastIndexOf('|');
    const name = key.slice(0, at);
    const same = [...island.querySelectorAll(CONTROL)].filter((c) => !c.id && nameOf(c) === name);
    return same[Number(key.slice(at + 1))] ?? null;
  };

  /** What the person did, oldest first: { island, key, kind, ... }. */
  const queue = [];
  /** The control that had focus before its part went live, and the caret. */
  let focus = null;
  // Keys that only move the caret or type (the input event says what was
  // typed) need no replay; the others (Enter, arrows, Escape…) may have a
  // handler in the live part.
  const PLAIN_KEYS = new Set(['Tab', 'Shift', 'Control', 'Alt', 'Meta', 'CapsLock', 'Backspace', 'Delete']);

  // Synthetic events count too (a password manager, an extension, a test
  // driver fill fields that way); the replay never meets this, since it
  // acts on live parts only.
  const prerendered = (event) => {
    if (!(event.target instanceof Element)) return null;
    const el = event.target.closest(CONTROL);
    const island = el?.closest('.island');
    if (!island || !page.contains(island) || isLive(island)) return null;
    return { el, island };
  };

  // Every keystroke is kept, as the edit it made (the value before and
  // after): a field that acts on each one (the tools import reads every
  // change, and clears itself) sees them all again, as edits of what it
  // holds by then.
  const before = new WeakMap();
  const keep = (island, entry) => {
    queue.push(entry);
    island.setAttribute('data-pressed', '');
    page.setAttribute('data-touched', '');
  };

  const remember = (el, island) => {
    const caret = el.matches('input, textarea') && !toggles(el);
    focus = {
      island: island.id,
      key: keyOf(el, island),
      start: caret ? el.selectionStart : null,
      end: caret ? el.selectionEnd : null,
    };
  };

  const record = (event) => {
    const found = prerendered(event);
    if (!found) return;
    const { el, island } = found;
    const entry = { island: island.id, key: keyOf(el, island), kind: event.type };
    if (event.type === 'click') {
      if (toggles(el)) {
        // The click has already flipped it: keep the state the person sees.
        entry.kind = 'check';
        entry.checked = el.checked;
      } else if (el.matches('summary')) {
        entry.kind = 'open';
        entry.open = !el.parentElement.open;
      } else if (el.matches('button')) {
        // Waiting for its part: the press shows, and counts once it is live.
        if (el.getAttribute('role') !== 'tab') el.setAttribute('aria-busy', 'true');
      } else {
        return; // a click into a field only focuses it
      }
    } else if (event.type === 'input') {
      if (toggles(el) || el.matches('select')) return; // their click or change says it
      entry.before = before.get(el) ?? el.defaultValue;
      entry.value = el.value;
      before.delete(el);
    } else if (event.type === 'change') {
      if (!el.matches('select')) return;
      entry.value = el.value;
    } else if (event.type === 'keydown') {
      if (event.key.length === 1 || PLAIN_KEYS.has(event.key) || event.isComposing) return;
      Object.assign(entry, { keyName: event.key, shift: event.shiftKey, ctrl: event.ctrlKey, alt: event.altKey, meta: event.metaKey });
    }
    keep(island, entry);
  };
  for (const type of ['click', 'input', 'change', 'keydown']) document.addEventListener(type, record, true);
  document.addEventListener('beforeinput', (event) => {
    const found = prerendered(event);
    if (found && !before.has(found.el)) before.set(found.el, found.el.value);
  }, true);
  for (const type of ['focusin', 'keyup', 'pointerup', 'input', 'select']) {
    document.addEventListener(type, (event) => {
      const found = prerendered(event);
      if (found) remember(found.el, found.island);
    }, true);
  }
  // The prerendered form has no handler yet: Enter in a field must not send it.
  document.addEventListener('submit', (event) => {
    if (page.contains(event.target) && !page.hasAttribute('data-live')) event.preventDefault();
  }, true);

  // The edit that turned `from` into `to`, made to `now`: `to` itself when
  // the live field holds what the prerendered one did.
  const edited = (now, from, to) => {
    if (now === from) return to;
    let start = 0;
    while (start < from.length && start < to.length && from[start] === to[start]) start += 1;
    let end = 0;
    while (end < from.length - start && end < to.length - start && from[from.length - 1 - end] === to[to.length - 1 - end]) end += 1;
    const removed = from.length - start - end;
    const inserted = to.slice(start, to.length - end);
    const at = Math.min(start, now.length);
    return now.slice(0, at) + inserted + now.slice(Math.min(at + removed, now.length));
  };

  const apply = (entry) => {
    const island = document.getElementById(entry.island);
    const el = island && find(island, entry.key);
    if (!el) return;
    switch (entry.kind) {
      case 'input':
        el.value = edited(el.value, entry.before, entry.value);
        el.dispatchEvent(new Event('input', { bubbles: true }));
        break;
      case 'change':
        el.value = entry.value;
        el.dispatchEvent(new Event('change', { bubbles: true }));
        break;
      case 'check':
        if (el.checked !== entry.checked) el.click();
        break;
      case 'open':
        if (el.parentElement.open !== entry.open) el.click();
        break;
      case 'click':
        el.click();
        break;
      case 'keydown':
        el.dispatchEvent(new KeyboardEvent('keydown', {
          key: entry.keyName, shiftKey: entry.shift, ctrlKey: entry.ctrl, altKey: entry.alt, metaKey: entry.meta, bubbles: true, cancelable: true,
        }));
        break;
    }
  };

  // `before`: what had focus when the entries started to apply; focus the
  // replay itself moved (a key on the tabs) goes back too, but not focus
  // the person gave a live control meanwhile.
  const restoreFocus = (before) => {
    if (!focus) return;
    const island = document.getElementById(focus.island);
    if (!island || !isLive(island)) return;
    const wanted = focus;
    focus = null;
    const now = document.activeElement;
    if (now && now !== document.body && now === before) return;
    const el = find(island, wanted.key);
    if (!el) return;
    el.focus();
    if (wanted.start !== null && typeof el.setSelectionRange === 'function') el.setSelectionRange(wanted.start, wanted.end);
  };

  // The live part reacts to an entry (a field enabled, a panel shown) in
  // the program's own microtasks: wait for them before the next entry, and
  // stay before the next frame, so what the entries change shows at once.
  const settle = async () => {
    for (let i = 0; i < 4; i++) await new Promise((resolve) => queueMicrotask(resolve));
  };
  // Each part applies what was done to it, in the order it was done, once
  // it is live; a part does not wait for another to load (entries of parts
  // live together keep their order among themselves).
  let draining = false;
  let again = false;
  const drain = async () => {
    if (draining) {
      again = true;
      return;
    }
    draining = true;
    const before = document.activeElement;
    try {
      do {
        again = false;
        for (let i = 0; i < queue.length;) {
          const island = document.getElementById(queue[i].island);
          if (!island || island.hasAttribute('data-unloaded')) {
            queue.splice(i, 1); // its part could not load: it says so where it would be
          } else if (!isLive(island)) {
            i += 1; // later entries of that part wait with it
          } else {
            apply(queue.splice(i, 1)[0]);
            await settle();
            i = 0;
          }
        }
        restoreFocus(before);
      } while (again);
    } finally {
      draining = false;
    }
    if (!queue.length && page.hasAttribute('data-started') && !page.hasAttribute('data-live')) page.setAttribute('data-live', '');
  };
  new MutationObserver(drain).observe(page, { attributes: true, subtree: true, attributeFilter: ['data-live', 'data-unloaded', 'data-started'] });

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
    // Until the outputs are live, a tab shows its panel at once (the press
    // is kept too, and opens the same tab in the live page).
    page.addEventListener('click', (event) => {
      const tab = event.target.closest?.('[role="tab"]');
      if (!tab || tab.closest('.island[data-live]')) return;
      for (const other of tab.parentElement.querySelectorAll('[role="tab"]')) {
        const selected = other === tab;
        other.setAttribute('aria-selected', String(selected));
        other.tabIndex = selected ? 0 : -1;
        document.getElementById(other.getAttribute('aria-controls'))?.toggleAttribute('hidden', !selected);
      }
    });
  }, { once: true });
})();

// Paved's browser script: progressive enhancement only; every page works without it. A classic deferred
// script rather than a module, so that it also runs when the portal is opened from file://.
(() => {
'use strict';
  // The catalog's filters. A big catalog's page holds only its first rows; #catalog-paging then lists chunk scripts
  // with every row (dev.paved.site.CatalogTable), loaded when the user filters or pages. They are scripts, not
  // JSON, so that they load from file:// too, where Chromium refuses fetch().
  function initCatalogFilters() {
    const form = document.getElementById('catalog-filters');
    const table = document.getElementById('catalog-table');
    if (!form || !table) return;
    const body = table.tBodies[0];
    const rows = Array.from(body.rows);
    const count = document.getElementById('catalog-count');
    const empty = document.getElementById('catalog-empty');
    const paging = document.getElementById('catalog-paging');
    const params = new URLSearchParams(window.location.search);
    const paged = paging ? pagedTable(paging, body) : null;

    for (const field of form.elements) {
      if (field.name && params.has(field.name)) field.value = params.get(field.name).toLowerCase();
    }
    if (paged) paged.page = Math.max(1, parseInt(params.get('page'), 10) || 1);

    function apply(event) {
      const wanted = {};
      for (const field of form.elements) {
        if (field.name && field.value) wanted[field.name] = field.value.toLowerCase().trim();
      }
      let shown = 0;
      if (paged) {
        if (event && event.type !== 'paged') paged.page = 1;
        shown = paged.show(wanted, apply);
        if (shown === null) {
          count.textContent = 'Loading…';
          return;
        }
      } else {
        for (const row of rows) {
          const match = matches(row.dataset, wanted);
          row.hidden = !match;
          if (match) shown++;
        }
      }
      count.textContent = shown + (shown === 1 ? ' entity' : ' entities');
      empty.hidden = shown !== 0;
      const query = new URLSearchParams(wanted);
      if (paged && paged.page > 1) query.set('page', paged.page);
      try {
        history.replaceState(null, '', query.toString() ? '?' + query : window.location.pathname);
      } catch (e) {
        // Some browsers refuse to change the URL of a file:// page; filtering still works.
      }
    }

    form.addEventListener('input', apply);
    form.addEventListener('change', apply);
    form.addEventListener('submit', (event) => event.preventDefault());
    form.hidden = false;
    apply();
  }

  /** Whether a row's lower-case keys (a row's data-* attributes, or a loaded row's keys) match the filters. */
  function matches(keys, wanted) {
    for (const [key, value] of Object.entries(wanted)) {
      let match;
      if (key === 'q') {
        match = value.split(/\s+/).every((word) => keys.text.includes(word));
      } else if (key === 'tag') {
        match = keys.tag.includes(' ' + value + ' ');
      } else {
        match = keys[key] === value;
      }
      if (!match) return false;
    }
    return true;
  }

  /**
   * The pages of a big catalog: show(wanted, again) fills the table with the current page of the matching rows and
   * returns how many match, or returns null and calls again({type: 'paged'}) once every row is loaded.
   */
  function pagedTable(paging, body) {
    const total = Number(paging.dataset.total);
    const size = Number(paging.dataset.pageRows);
    const root = paging.dataset.root || '';
    const chunks = paging.dataset.chunks.split(' ').filter(Boolean);
    const nav = document.createElement('nav');
    nav.className = 'paging-nav';
    nav.setAttribute('aria-label', 'Catalog pages');
    const previous = button('Previous');
    const next = button('Next');
    const where = document.createElement('span');
    nav.append(previous, ' ', where, ' ', next);
    body.parentNode.after(nav);
    let all = null;
    let loading = null;
    let failed = null;
    let waiting = false;
    let shown = {};
    let redo = null;
    const state = { page: 1, show };

    function button(label) {
      const b = document.createElement('button');
      b.type = 'button';
      b.textContent = label;
      b.addEventListener('click', () => {
        state.page += label === 'Next' ? 1 : -1;
        if (redo) redo({ type: 'paged' });
        body.parentNode.scrollIntoView({ block: 'start' });
      });
      return b;
    }

    function load() {
      if (loading) return loading;
      loading = new Promise((resolve, reject) => {
        const parts = new Array(chunks.length);
        let left = chunks.length;
        window.pavedCatalogRows = (n, list) => {
          if (n >= 0 && n < parts.length) parts[n] = list;
        };
        for (const src of chunks) {
          const script = document.createElement('script');
          script.src = root + src;
          script.addEventListener('load', () => {
            if (--left === 0) resolve(parts.flat().map(entry));
          });
          script.addEventListener('error', () => reject(new Error(src)));
          document.head.append(script);
        }
      });
      return loading;
    }

    function show(wanted, again) {
      redo = again;
      const filtered = Object.keys(wanted).length > 0;
      if (!all && !filtered && state.page === 1) { // the rows the page holds
        paging.hidden = false;
        controls(1, Math.min(size, total), total);
        return total;
      }
      if (!all) {
        if (failed) {
          paging.textContent = 'The rest of the catalog could not be loaded (' + failed + '); the page shows its first rows.';
          return total;
        }
        if (!waiting) {
          waiting = true;
          load().then((list) => { all = list; }, (e) => { failed = e.message; })
            .then(() => redo({ type: 'paged' }));
        }
        return null;
      }
      // The same rows again (a change event after the input events that showed them) are left in place: replacing
      // them would swallow a click that is on its way to one of their links.
      const key = JSON.stringify([wanted, state.page]);
      if (key === shown.key) return shown.count;
      paging.hidden = true;
      const found = filtered ? all.filter((e) => matches(e.keys, wanted)) : all;
      const pages = Math.max(1, Math.ceil(found.length / size));
      state.page = Math.min(state.page, pages);
      const from = (state.page - 1) * size;
      body.replaceChildren(...found.slice(from, from + size).map((e) => e.row()));
      controls(from + 1, Math.min(from + size, found.length), found.length);
      shown = { key: JSON.stringify([wanted, state.page]), count: found.length };
      return found.length;
    }

    function controls(first, last, of) {
      nav.hidden = of <= size;
      where.textContent = first.toLocaleString('en') + '–' + last.toLocaleString('en') + ' of ' + of.toLocaleString('en');
      previous.disabled = first <= 1;
      next.disabled = last >= of;
    }

    // A loaded row, in the order CatalogTable writes it; its keys are those a row of the page has as data-*.
    function entry(r) {
      const [title, url, namespace, problems, kind, type, owner, system, lifecycle, tags, description, name, docs] = r;
      const lower = (v) => String(v || '').toLowerCase();
      return {
        keys: {
          kind: lower(kind), type: lower(type), owner: owner ? lower(owner[0]) : '', lifecycle: lower(lifecycle),
          system: system ? lower(system[0]) : '', tag: tags.map((t) => ' ' + lower(t) + ' ').join(''),
          text: lower(name) + ' ' + lower(title) + ' ' + lower(description), docs: lower(docs),
        },
        row() {
          const tr = document.createElement('tr');
          Object.assign(tr.dataset, this.keys);
          const first = cell(tr);
          first.append(link(url, title));
          if (namespace !== 'default') first.append(' ', text('span', 'ns', namespace));
          if (problems > 0) {
            const marker = link(url + '#problems', '⚠ ' + problems);
            marker.className = 'problem-marker';
            marker.title = problems + ' catalog problems';
            first.append(' ', marker);
          }
          cell(tr).textContent = kind;
          cell(tr).textContent = type;
          refCell(tr, owner);
          refCell(tr, system);
          const life = cell(tr);
          if (lifecycle) life.append(text('span', 'lifecycle ' + lower(lifecycle), lifecycle));
          const tagCell = cell(tr);
          for (const t of tags) tagCell.append(text('span', 'tag', t), ' ');
          cell(tr).textContent = description;
          tr.lastChild.className = 'description';
          return tr;
        },
      };
    }

    function cell(tr) {
      return tr.appendChild(document.createElement('td'));
    }

    function text(tag, className, value) {
      const e = document.createElement(tag);
      e.className = className;
      e.textContent = value; // text only: nothing from the catalog is parsed as HTML
      return e;
    }

    function link(url, label) {
      const a = document.createElement('a');
      a.href = root + url;
      a.textContent = label;
      return a;
    }

    // The refLink macro: a link to the entity, or its label marked missing.
    function refCell(tr, ref) {
      const td = cell(tr);
      if (!ref) return;
      const [label, url, full, missing] = ref;
      if (missing) {
        const span = text('span', 'ref missing', label + ' ');
        span.title = full + ' is not in the catalog';
        const marker = text('span', 'marker', '⚠');
        marker.setAttribute('aria-label', 'missing');
        span.append(marker);
        td.append(span);
      } else {
        const a = link(url, label);
        a.className = 'ref';
        a.title = full;
        td.append(a);
      }
    }

    return state;
  }

  // pymdownx.tabbed sets, written as MkDocs writes them: .tabbed-labels (a label per tab) and .tabbed-content
  // (a .tabbed-block per tab). Each label becomes a tab button; the one marked .tabbed-selected (===+) is shown first.
  // They work as WAI-ARIA's tabs pattern: one tab in the Tab order, ←/→ (wrapping), Home and End move and show.
  function initTabs() {
    document.querySelectorAll('.tabbed-set').forEach((set, n) => {
      const bar = set.querySelector(':scope > .tabbed-labels');
      const content = set.querySelector(':scope > .tabbed-content');
      if (!bar || !content) return;
      const labels = Array.from(bar.children);
      const blocks = Array.from(content.children).filter((c) => c.classList.contains('tabbed-block'));
      if (!blocks.length || labels.length !== blocks.length) return;
      bar.setAttribute('role', 'tablist');
      const buttons = labels.map((label, i) => {
        const button = document.createElement('button');
        button.type = 'button';
        button.id = 'paved-tab-' + (n + 1) + '-' + (i + 1);
        button.setAttribute('role', 'tab');
        while (label.firstChild) button.appendChild(label.firstChild);
        button.addEventListener('click', () => select(i));
        button.addEventListener('keydown', (event) => {
          const to = { ArrowRight: i + 1, ArrowLeft: i - 1, Home: 0, End: labels.length - 1 }[event.key];
          if (to === undefined || event.altKey || event.ctrlKey || event.metaKey) return;
          event.preventDefault();
          const j = (to + labels.length) % labels.length;
          select(j);
          buttons[j].focus();
        });
        label.replaceWith(button);
        return button;
      });
      blocks.forEach((block, i) => {
        if (!block.id) block.id = buttons[i].id + '-panel';
        block.setAttribute('role', 'tabpanel');
        block.setAttribute('aria-labelledby', buttons[i].id);
        block.tabIndex = 0;
        buttons[i].setAttribute('aria-controls', block.id);
      });
      function select(index) {
        blocks.forEach((block, j) => {
          block.hidden = index !== j;
          buttons[j].setAttribute('aria-selected', String(index === j));
          buttons[j].tabIndex = index === j ? 0 : -1;
        });
      }
      select(Math.max(0, labels.findIndex((l) => l.classList.contains('tabbed-selected'))));
    });
  }

  // ---- The frame: colour scheme, phone menu, search ----

  // The colour scheme: the system's, unless the reader chose one with the toggle (kept in localStorage). The
  // stylesheet follows html[data-theme], which layout.peb's inline script sets again before the page is drawn.
  function initTheme() {
    const root = document.documentElement;
    const system = window.matchMedia('(prefers-color-scheme: dark)');
    const toggles = document.querySelectorAll('.theme-toggle');
    const dark = () => (root.dataset.theme || (system.matches ? 'dark' : 'light')) === 'dark';
    const show = () => toggles.forEach((t) => t.setAttribute('aria-pressed', String(dark())));
    toggles.forEach((toggle) => toggle.addEventListener('click', () => {
      root.dataset.theme = dark() ? 'light' : 'dark';
      try {
        localStorage.setItem('paved-theme', root.dataset.theme);
      } catch (e) {
        // No storage (a private window, or storage turned off): the choice holds for this page only.
      }
      show();
    }));
    system.addEventListener('change', show);
    show();
  }

  // On a narrow screen the portal's nav folds behind the menu button (paved.css); Escape folds it again.
  function initMenu() {
    const button = document.querySelector('.menu-button');
    const nav = button && document.getElementById(button.getAttribute('aria-controls'));
    if (!nav) return;
    const open = (yes) => {
      nav.classList.toggle('open', yes);
      button.setAttribute('aria-expanded', String(yes));
    };
    button.addEventListener('click', () => open(!nav.classList.contains('open')));
    document.addEventListener('keydown', (event) => {
      if (event.key === 'Escape' && nav.classList.contains('open')) {
        open(false);
        button.focus();
      }
    });
  }

  // The docs' navigation and contents fold behind buttons on a narrow screen (paved.css hides the panel that
  // follows a button with aria-expanded=false).
  function initDrawers() {
    document.querySelectorAll('.drawer-button').forEach((button) => {
      button.addEventListener('click', () => {
        button.setAttribute('aria-expanded', String(button.getAttribute('aria-expanded') !== 'true'));
      });
    });
  }

  // Search is search.js, an ES module, loaded here rather than by a <script type="module">: Chromium refuses
  // modules (and fetch) to pages opened from file://, so there the box and the search page say what to do instead.
  function initSearch() {
    const box = document.querySelector('[data-search-box]');
    const page = document.querySelector('[data-search-page]');
    if (!box && !page) return;
    if (window.location.protocol === 'file:') {
      const message = 'Search needs a web server: open the portal over HTTP to search (paved preview serves it).';
      if (box) {
        const input = box.querySelector('input');
        const popup = box.querySelector('.search-results');
        const p = document.createElement('p');
        p.className = 'search-empty';
        p.textContent = message;
        p.setAttribute('role', 'status');
        popup.querySelector('[role=listbox]').hidden = true;
        popup.append(p);
        input.addEventListener('input', () => {
          popup.hidden = input.value.trim() === '';
          input.setAttribute('aria-expanded', String(!popup.hidden));
        });
      }
      if (page) page.querySelector('.search-summary').textContent = message;
      return;
    }
    if (!box || !box.dataset.script) return;
    const script = document.createElement('script');
    script.type = 'module';
    script.src = box.dataset.script;
    document.head.append(script);
  }

  // ---- Reading ----

  // Permalinks: Paved writes a.headerlink (¶) first in each heading. The heading is named by its own text, and the
  // link by what it is, so that a screen reader's list of headings does not start every entry with "¶".
  function initHeadings() {
    document.querySelectorAll('.prose a.headerlink').forEach((link) => {
      const heading = link.parentElement;
      if (!/^H[1-6]$/.test(heading.tagName)) return;
      const text = Array.from(heading.childNodes).filter((node) => node !== link)
        .map((node) => node.textContent).join('').replace(/\s+/g, ' ').trim();
      if (!text) return;
      heading.setAttribute('aria-label', text);
      link.setAttribute('aria-label', 'Link to this section');
      link.title = 'Link to this section';
    });
  }

  // The contents list marks the section being read: the last heading above a line near the top of the window.
  function initScrollSpy() {
    const pairs = Array.from(document.querySelectorAll('.toc a[href^="#"]')).map((link) => {
      const id = decodeURIComponent(link.getAttribute('href').slice(1));
      return [link, document.getElementById(id)];
    }).filter(([, target]) => target);
    if (!pairs.length) return;
    let current = null;
    let queued = false;
    function update() {
      queued = false;
      let active = pairs[0][0];
      for (const [link, target] of pairs) {
        if (target.getBoundingClientRect().top <= 80) active = link;
      }
      if (active === current) return;
      if (current) current.removeAttribute('aria-current');
      active.setAttribute('aria-current', 'true');
      current = active;
    }
    window.addEventListener('scroll', () => {
      if (!queued) {
        queued = true;
        window.requestAnimationFrame(update);
      }
    }, { passive: true });
    update();
  }

  const COPY_ICON = '<svg viewBox="0 0 24 24" width="16" height="16" aria-hidden="true" fill="none" '
    + 'stroke="currentColor" stroke-width="2" stroke-linejoin="round"><rect x="8" y="8" width="12" height="12" '
    + 'rx="2"/><path d="M16 8V5a1 1 0 0 0-1-1H5a1 1 0 0 0-1 1v10a1 1 0 0 0 1 1h3"/></svg>';

  // A copy button on each code block (not on diagrams, nor on the template's command, which has its own).
  function initCopyButtons() {
    document.querySelectorAll('pre > code').forEach((code) => {
      const pre = code.parentElement;
      if (pre.classList.contains('mermaid') || pre.closest('.code-block, #template-result')) return;
      const block = document.createElement('div');
      block.className = 'code-block';
      pre.before(block);
      block.append(pre);
      const button = document.createElement('button');
      button.type = 'button';
      button.className = 'copy-code';
      button.title = 'Copy code';
      button.setAttribute('aria-label', 'Copy code');
      button.innerHTML = COPY_ICON;
      button.addEventListener('click', () => {
        copyText(code.textContent).then(() => said(button, 'Copied'), () => said(button, 'Select and copy by hand'));
      });
      block.append(button);
    });
  }

  function said(button, text) {
    const label = document.createElement('span');
    label.textContent = text;
    button.replaceChildren(label);
    button.setAttribute('aria-label', text);
    button.classList.add('copied');
    setTimeout(() => {
      button.innerHTML = COPY_ICON;
      button.setAttribute('aria-label', 'Copy code');
      button.classList.remove('copied');
    }, 2000);
  }

  // The Clipboard API where the page may use it; else the older copy command on a selected, unseen text area.
  function copyText(text) {
    const fallback = () => new Promise((resolve, reject) => {
      const area = document.createElement('textarea');
      area.value = text;
      area.setAttribute('readonly', '');
      area.style.position = 'fixed';
      area.style.opacity = '0';
      document.body.append(area);
      area.select();
      const copied = document.execCommand('copy');
      area.remove();
      if (copied) resolve(); else reject(new Error('copy refused'));
    });
    if (navigator.clipboard && window.isSecureContext) return navigator.clipboard.writeText(text).catch(fallback);
    return fallback();
  }

  // Wide tables, code, diagrams and math scroll sideways inside the page (tables in a wrapper added here). While
  // one overflows it is focusable, so that it can be scrolled from the keyboard too.
  function initScrollers() {
    document.querySelectorAll('main table').forEach((table) => {
      if (table.parentElement.classList.contains('table-scroll')) return;
      const wrap = document.createElement('div');
      wrap.className = 'table-scroll';
      table.before(wrap);
      wrap.append(table);
    });
    const regions = document.querySelectorAll('.table-scroll, main pre, .diagram-scroll, div.arithmatex');
    const check = (region) => {
      const overflows = region.scrollWidth > region.clientWidth + 1;
      if (overflows && !region.hasAttribute('tabindex')) {
        region.tabIndex = 0;
        region.dataset.scrollFocus = '';
      } else if (!overflows && 'scrollFocus' in region.dataset) {
        region.removeAttribute('tabindex');
        delete region.dataset.scrollFocus;
      }
    };
    regions.forEach(check);
    if ('ResizeObserver' in window) {
      const observer = new ResizeObserver((entries) => entries.forEach((entry) => check(entry.target)));
      regions.forEach((region) => observer.observe(region));
    }
  }

  // ```mermaid fences, drawn by the vendored mermaid on the pages that load it.
  function initMermaid() {
    const codes = document.querySelectorAll('pre > code.language-mermaid');
    if (!codes.length || !window.mermaid) return;
    codes.forEach((code) => {
      const diagram = document.createElement('pre');
      diagram.className = 'mermaid';
      diagram.textContent = code.textContent;
      code.parentElement.replaceWith(diagram);
    });
    window.mermaid.initialize({ startOnLoad: false, securityLevel: 'strict' });
    window.mermaid.run({ querySelector: 'pre.mermaid' });
  }

  // pymdownx.arithmatex's math (span.arithmatex holding \(…\), div.arithmatex holding \[…\]), drawn by the vendored
  // KaTeX on the pages that load it. MathML output: the browser lays it out itself, with no stylesheet or fonts to
  // fetch. TeX KaTeX cannot read is shown as written, in red, rather than stopping the rest; its default trust: false
  // refuses \href, \url and the \html… commands, so an author's TeX makes no link or attribute.
  function initMath() {
    if (!window.katex) return;
    document.querySelectorAll('.arithmatex').forEach((el) => {
      if (el.parentElement && el.parentElement.closest('.arithmatex')) return; // math in math: drawn with it
      const display = el.tagName === 'DIV';
      const delimited = display ? /^\\\[([\s\S]*)\\\]$/ : /^\\\(([\s\S]*)\\\)$/;
      const tex = el.textContent.trim().replace(delimited, '$1');
      try {
        window.katex.render(tex, el, { output: 'mathml', throwOnError: false, displayMode: display });
      } catch (e) {
        // An error that is not the TeX's: leave the text as it is.
      }
    });
  }

  // Loaded with defer, the page is parsed by now; the 404 page adds it later, when it knows where it is.
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
  else start();

  function start() {
    initTheme();
    initMenu();
    initDrawers();
    initSearch();
    initCatalogFilters();
    initTabs();
    initMermaid();
    initMath();
    initHeadings();
    initScrollSpy();
    initCopyButtons();

    // Code blocks and API definitions, on the pages that load the vendored highlighter.
    if (window.hljs) window.hljs.highlightAll();
    initScrollers();
  }
})();

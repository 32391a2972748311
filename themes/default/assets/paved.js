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
  function initTabs() {
    document.querySelectorAll('.tabbed-set').forEach((set) => {
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
        button.setAttribute('role', 'tab');
        while (label.firstChild) button.appendChild(label.firstChild);
        button.addEventListener('click', () => select(i));
        label.replaceWith(button);
        return button;
      });
      function select(index) {
        blocks.forEach((block, j) => {
          block.hidden = index !== j;
          buttons[j].setAttribute('aria-selected', String(index === j));
        });
      }
      select(Math.max(0, labels.findIndex((l) => l.classList.contains('tabbed-selected'))));
    });
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

  initCatalogFilters();
  initTabs();
  initMermaid();
  initMath();

  // Code blocks and API definitions, on the pages that load the vendored highlighter.
  if (window.hljs) window.hljs.highlightAll();
})();

// Paved's browser script: progressive enhancement only; every page works without it. A classic deferred
// script rather than a module, so that it also runs when the portal is opened from file://.
(() => {
'use strict';
  function initCatalogFilters() {
    const form = document.getElementById('catalog-filters');
    const table = document.getElementById('catalog-table');
    if (!form || !table) return;
    const rows = Array.from(table.tBodies[0].rows);
    const count = document.getElementById('catalog-count');
    const empty = document.getElementById('catalog-empty');
    const params = new URLSearchParams(window.location.search);

    for (const field of form.elements) {
      if (field.name && params.has(field.name)) field.value = params.get(field.name).toLowerCase();
    }

    function apply() {
      const wanted = {};
      for (const field of form.elements) {
        if (field.name && field.value) wanted[field.name] = field.value.toLowerCase().trim();
      }
      let shown = 0;
      for (const row of rows) {
        let match = true;
        for (const [key, value] of Object.entries(wanted)) {
          if (key === 'q') {
            match = value.split(/\s+/).every((word) => row.dataset.text.includes(word));
          } else if (key === 'tag') {
            match = row.dataset.tag.includes(' ' + value + ' ');
          } else {
            match = row.dataset[key] === value;
          }
          if (!match) break;
        }
        row.hidden = !match;
        if (match) shown++;
      }
      count.textContent = shown + (shown === 1 ? ' entity' : ' entities');
      empty.hidden = shown !== 0;
      const query = new URLSearchParams(wanted).toString();
      try {
      history.replaceState(null, '', query ? '?' + query : window.location.pathname);
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

  // pymdownx.tabbed blocks, rendered as .tabbed-set > .tabbed-block[data-label]: one button per tab.
  function initTabs() {
    document.querySelectorAll('.tabbed-set').forEach((set) => {
      const blocks = Array.from(set.children).filter((c) => c.classList.contains('tabbed-block'));
      if (!blocks.length) return;
      const bar = document.createElement('div');
      bar.className = 'tabbed-labels';
      bar.setAttribute('role', 'tablist');
      const select = (index) => blocks.forEach((block, j) => {
        block.hidden = index !== j;
        bar.children[j].setAttribute('aria-selected', String(index === j));
      });
      blocks.forEach((block, i) => {
        const button = document.createElement('button');
        button.type = 'button';
        button.setAttribute('role', 'tab');
        button.textContent = block.dataset.label;
        button.addEventListener('click', () => select(i));
        bar.appendChild(button);
      });
      set.insertBefore(bar, set.firstChild);
      select(0);
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

  initCatalogFilters();
  initTabs();
  initMermaid();

  // Code blocks and API definitions, on the pages that load the vendored highlighter.
  if (window.hljs) window.hljs.highlightAll();
})();

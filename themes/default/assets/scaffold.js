// Paved: the form of a software template's page. It builds the form from the template's parameters (JSON Schema,
// one schema per page, with Backstage's ui:* options), validates it in the browser, and gives the `paved scaffold`
// command and a values file. Pickers (OwnerPicker, EntityPicker) offer the entities of the built catalog.
// A classic script, so the page works from file:// too (pickers then take typed references).
(function () {
  'use strict';

  var form = document.getElementById('template-form');
  var data = document.getElementById('template-parameters');
  if (!form || !data) return;
  var parameters;
  try {
    parameters = JSON.parse(data.textContent);
  } catch (e) {
    return;
  }
  var pages = Array.isArray(parameters) ? parameters : parameters ? [parameters] : [];
  pages = pages.filter(function (p) { return p && typeof p === 'object'; });
  var templateRef = form.getAttribute('data-template-ref');
  var values = {};
  var current = 0;
  var catalog = fetch(form.getAttribute('data-catalog'))
    .then(function (r) { return r.ok ? r.json() : null; })
    .catch(function () { return null; });

  function el(tag, attrs, text) {
    var e = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { e.setAttribute(k, attrs[k]); });
    if (text !== undefined && text !== null) e.textContent = String(text);
    return e;
  }

  function ui(schema, key) {
    return schema && Object.prototype.hasOwnProperty.call(schema, 'ui:' + key) ? schema['ui:' + key] : undefined;
  }

  function refOf(entity) {
    var m = entity.metadata || {};
    return String(entity.kind).toLowerCase() + ':' + (m.namespace || 'default') + '/' + m.name;
  }

  // catalogFilter: a map (or a list of maps, any of which may match) of field paths to a value or values.
  function matchesFilter(entity, filter) {
    var filters = Array.isArray(filter) ? filter : [filter];
    return filters.some(function (f) {
      return Object.keys(f || {}).every(function (path) {
        var want = Array.isArray(f[path]) ? f[path] : [f[path]];
        var value = path.split('.').reduce(function (o, k) { return o == null ? undefined : o[k]; }, entity);
        var values = Array.isArray(value) ? value : [value];
        return values.some(function (v) {
          return want.some(function (w) {
            return w === true ? v !== undefined : String(v).toLowerCase() === String(w).toLowerCase();
          });
        });
      });
    });
  }

  function pickerChoices(schema, done) {
    var options = ui(schema, 'options') || {};
    var filter = options.catalogFilter;
    if (!filter && options.allowedKinds) filter = { kind: options.allowedKinds };
    if (!filter && ui(schema, 'field') === 'OwnerPicker') filter = { kind: ['Group', 'User'] };
    catalog.then(function (c) {
      if (!c || !Array.isArray(c.items)) return done(null);
      done(c.items.filter(function (e) { return !filter || matchesFilter(e, filter); }).map(function (e) {
        var m = e.metadata || {};
        return { value: refOf(e), label: (m.title || m.name) + ' (' + refOf(e) + ')' };
      }));
    });
  }

  // One field: its input and how to read its value back.
  function field(name, schema, required) {
    var wrap = el('div', { 'class': 'field', 'data-field': name });
    var id = 'field-' + name.replace(/[^A-Za-z0-9_-]/g, '_');
    var label = el('label', { 'for': id }, (schema.title || name) + (required ? ' *' : ''));
    wrap.appendChild(label);
    var kind = ui(schema, 'field');
    var widget = ui(schema, 'widget');
    var read;
    var saved = values[name] !== undefined ? values[name] : schema['default'];

    if (kind === 'RepoUrlPicker') {
      var opts = ui(schema, 'options') || {};
      var group = el('div', { 'class': 'repo-url', id: id });
      var host = opts.allowedHosts && opts.allowedHosts.length ? el('select', { 'aria-label': 'Host' }) : el('input', { type: 'text', 'aria-label': 'Host', placeholder: 'github.com' });
      (opts.allowedHosts || []).forEach(function (h) { host.appendChild(el('option', { value: h }, h)); });
      var owner = opts.allowedOwners && opts.allowedOwners.length ? el('select', { 'aria-label': 'Owner' }) : el('input', { type: 'text', 'aria-label': 'Owner' });
      (opts.allowedOwners || []).forEach(function (o) { owner.appendChild(el('option', { value: o }, o)); });
      var repo = el('input', { type: 'text', 'aria-label': 'Repository', name: name + '.repo' });
      if (typeof saved === 'string' && saved.indexOf('?') > 0) {
        var parts = new URLSearchParams(saved.slice(saved.indexOf('?') + 1));
        host.value = saved.slice(0, saved.indexOf('?'));
        owner.value = parts.get('owner') || '';
        repo.value = parts.get('repo') || '';
      }
      group.append(host, document.createTextNode(' / '), owner, document.createTextNode(' / '), repo);
      wrap.appendChild(group);
      read = function () {
        if (!repo.value.trim()) return undefined;
        return host.value.trim() + '?owner=' + encodeURIComponent(owner.value.trim()) + '&repo=' + encodeURIComponent(repo.value.trim());
      };
    } else if (/^(OwnerPicker|EntityPicker|OwnedEntityPicker|MyGroupsPicker)$/.test(kind || '')) {
      var input = el('input', { type: 'text', id: id, name: name, list: id + '-choices', autocomplete: 'off', placeholder: 'kind:namespace/name' });
      var list = el('datalist', { id: id + '-choices' });
      if (saved !== undefined) input.value = saved;
      pickerChoices(schema, function (choices) {
        if (!choices) return;
        var select = el('select', { id: id, name: name });
        select.appendChild(el('option', { value: '' }, '— choose —'));
        choices.forEach(function (c) { select.appendChild(el('option', { value: c.value }, c.label)); });
        select.value = input.value;
        input.replaceWith(select);
        list.remove();
        read = function () { return select.value || undefined; };
      });
      wrap.append(input, list);
      read = function () { return input.value.trim() || undefined; };
    } else if (Array.isArray(schema['enum'])) {
      var sel = el('select', { id: id, name: name });
      if (!required || saved === undefined) sel.appendChild(el('option', { value: '' }, '— choose —'));
      schema['enum'].forEach(function (v, i) {
        var names = schema.enumNames || ui(schema, 'enumNames') || [];
        sel.appendChild(el('option', { value: JSON.stringify(v) }, names[i] !== undefined ? names[i] : v));
      });
      if (saved !== undefined) sel.value = JSON.stringify(saved);
      wrap.appendChild(sel);
      read = function () { return sel.value === '' ? undefined : JSON.parse(sel.value); };
    } else if (schema.type === 'boolean') {
      var box = el('input', { type: 'checkbox', id: id, name: name });
      box.checked = saved === true;
      wrap.insertBefore(box, label);
      read = function () { return box.checked; };
    } else if (schema.type === 'integer' || schema.type === 'number') {
      var num = el('input', { type: 'number', id: id, name: name, step: schema.type === 'integer' ? '1' : 'any' });
      if (schema.minimum !== undefined) num.setAttribute('min', schema.minimum);
      if (schema.maximum !== undefined) num.setAttribute('max', schema.maximum);
      if (saved !== undefined) num.value = saved;
      wrap.appendChild(num);
      read = function () { return num.value === '' ? undefined : Number(num.value); };
    } else if (schema.type === 'array') {
      var items = schema.items || {};
      if (Array.isArray(items['enum'])) {
        var boxes = el('div', { id: id, 'class': 'choices' });
        items['enum'].forEach(function (v) {
          var l = el('label');
          var b = el('input', { type: 'checkbox', value: JSON.stringify(v) });
          b.checked = Array.isArray(saved) && saved.indexOf(v) >= 0;
          l.append(b, document.createTextNode(' ' + v));
          boxes.appendChild(l);
        });
        wrap.appendChild(boxes);
        read = function () {
          return Array.prototype.filter.call(boxes.querySelectorAll('input'), function (b) { return b.checked; })
            .map(function (b) { return JSON.parse(b.value); });
        };
      } else {
        var listInput = el('input', { type: 'text', id: id, name: name, placeholder: 'comma, separated' });
        if (Array.isArray(saved)) listInput.value = saved.join(', ');
        wrap.appendChild(listInput);
        read = function () {
          var v = listInput.value.split(',').map(function (s) { return s.trim(); }).filter(Boolean);
          return v.length ? v : undefined;
        };
      }
    } else if (schema.type === 'object') {
      var json = el('textarea', { id: id, name: name, rows: '4', placeholder: '{ }' });
      if (saved !== undefined) json.value = JSON.stringify(saved, null, 2);
      wrap.appendChild(json);
      read = function () {
        if (!json.value.trim()) return undefined;
        try { return JSON.parse(json.value); } catch (e) { return { __invalid: json.value }; }
      };
    } else {
      var text = widget === 'textarea' ? el('textarea', { id: id, name: name, rows: '3' })
        : el('input', { type: widget === 'password' ? 'password' : 'text', id: id, name: name });
      if (saved !== undefined) text.value = saved;
      if (ui(schema, 'autofocus')) text.setAttribute('autofocus', '');
      wrap.appendChild(text);
      read = function () { return text.value === '' ? undefined : text.value; };
    }
    if (schema.description) wrap.appendChild(el('p', { 'class': 'field-help' }, schema.description));
    if (ui(schema, 'help') && ui(schema, 'help') !== schema.description) wrap.appendChild(el('p', { 'class': 'field-help' }, ui(schema, 'help')));
    return { name: name, schema: schema, required: required, element: wrap, read: function () { return read(); } };
  }

  function problem(f, value) {
    var s = f.schema;
    var empty = value === undefined || value === '' || (Array.isArray(value) && value.length === 0);
    if (empty) return f.required ? 'Required.' : null;
    if (value && value.__invalid !== undefined) return 'Not valid JSON.';
    if (typeof value === 'string') {
      if (s.minLength !== undefined && value.length < s.minLength) return 'At least ' + s.minLength + ' characters.';
      if (s.maxLength !== undefined && value.length > s.maxLength) return 'At most ' + s.maxLength + ' characters.';
      if (s.pattern) {
        try {
          if (!new RegExp(s.pattern, 'u').test(value)) return patternMessage(s);
        } catch (e) { /* a pattern this browser cannot read is left to paved scaffold */ }
      }
    }
    if (typeof value === 'number') {
      if (s.minimum !== undefined && value < s.minimum) return 'At least ' + s.minimum + '.';
      if (s.maximum !== undefined && value > s.maximum) return 'At most ' + s.maximum + '.';
      if (s.type === 'integer' && !Number.isInteger(value)) return 'A whole number.';
    }
    if (Array.isArray(s['enum']) && !s['enum'].some(function (v) { return JSON.stringify(v) === JSON.stringify(value); })) {
      return 'One of ' + s['enum'].join(', ') + '.';
    }
    return null;
  }

  // What a pattern asks for, in words: the template's own message (ui:errorMessages or errorMessage, as the
  // ajv-errors keyword Backstage's form reads), else the characters a simple pattern allows, else its help text.
  function patternMessage(s) {
    var custom = (ui(s, 'errorMessages') || {}).pattern || (s.errorMessage && (s.errorMessage.pattern || s.errorMessage));
    if (typeof custom === 'string') return custom;
    var classes = simpleClasses(s.pattern);
    if (classes && classes.length <= 3) {
      var words = classes.map(characters);
      if (classes.length === 1) return 'Use only ' + words[0] + '.';
      var text = 'Start with ' + words[0] + ', then use ' + words[1];
      return text + (classes.length === 3 ? ', and end with ' + words[2] : '') + '.';
    }
    var help = s.description || ui(s, 'help');
    return 'This is not in the expected form' + (help ? ': ' + help : '.');
  }

  // The character classes of a pattern made only of them, each with a quantifier or none, anchored at both ends
  // ("^[a-z][a-z0-9-]{2,40}[a-z0-9]$"); null for any other pattern.
  function simpleClasses(pattern) {
    var m = /^\^((?:\[[^\]]+\](?:[*+?]|\{\d*,?\d*\})?)+)\$$/.exec(pattern);
    if (!m) return null;
    var out = [];
    m[1].replace(/\[([^\]]+)\]/g, function (all, cls) { out.push(cls); return all; });
    return out;
  }

  // A character class in words: "a-z0-9-" is "lower-case letters, digits and -".
  function characters(cls) {
    var parts = [];
    var rest = cls.replace(/a-z/g, function () { parts.push('lower-case letters'); return ''; })
      .replace(/A-Z/g, function () { parts.push('capital letters'); return ''; })
      .replace(/0-9|\\d/g, function () { parts.push('digits'); return ''; })
      .replace(/\\w/g, function () { parts.push('letters, digits and _'); return ''; })
      .replace(/\\/g, '');
    rest.split('').forEach(function (c) { parts.push(c === ' ' ? 'spaces' : c); });
    return parts.length > 1 ? parts.slice(0, -1).join(', ') + ' and ' + parts[parts.length - 1] : parts[0] || cls;
  }

  var fields = [];

  function render() {
    form.replaceChildren();
    var schema = pages[current] || {};
    var requiredList = Array.isArray(schema.required) ? schema.required : [];
    var step = el('fieldset', { 'class': 'form-page' });
    step.appendChild(el('legend', {}, (pages.length > 1 ? 'Step ' + (current + 1) + ' of ' + pages.length + ': ' : '') + (schema.title || 'Parameters')));
    if (schema.description) step.appendChild(el('p', { 'class': 'field-help' }, schema.description));
    fields = Object.keys(schema.properties || {}).filter(function (name) {
      var p = schema.properties[name];
      return p && typeof p === 'object' && ui(p, 'widget') !== 'hidden';
    }).map(function (name) {
      return field(name, schema.properties[name], requiredList.indexOf(name) >= 0);
    });
    fields.forEach(function (f) { step.appendChild(f.element); });
    if (fields.length === 0) step.appendChild(el('p', {}, 'This step has no fields.'));
    form.appendChild(step);
    var buttons = el('p', { 'class': 'form-buttons' });
    if (current > 0) {
      var back = el('button', { type: 'button', 'class': 'button back' }, 'Back');
      back.addEventListener('click', function () { save(false); current--; render(); });
      buttons.appendChild(back);
    }
    buttons.appendChild(el('button', { type: 'submit', 'class': 'button primary next' }, current < pages.length - 1 ? 'Next' : 'Review'));
    form.appendChild(buttons);
  }

  // Reads this page's fields into values; with check, shows their problems and says whether there were none.
  function save(check) {
    var ok = true;
    fields.forEach(function (f) {
      var v = f.read();
      if (v === undefined) delete values[f.name]; else values[f.name] = v;
      var old = f.element.querySelector('.field-error');
      if (old) old.remove();
      var p = check ? problem(f, v) : null;
      if (p) {
        ok = false;
        f.element.appendChild(el('p', { 'class': 'field-error', role: 'alert' }, p));
      }
    });
    return ok;
  }

  // The review: every value given, by step and field title, with a way back to change them.
  function summary() {
    var box = document.getElementById('template-summary');
    if (!box) return;
    box.replaceChildren();
    pages.forEach(function (page, index) {
      var names = Object.keys(page.properties || {}).filter(function (n) { return values[n] !== undefined; });
      if (names.length === 0) return;
      box.appendChild(el('h3', {}, page.title || ('Step ' + (index + 1))));
      var list = el('dl', { 'class': 'facts' });
      names.forEach(function (n) {
        var p = page.properties[n] || {};
        list.appendChild(el('dt', {}, p.title || n));
        var v = values[n];
        list.appendChild(el('dd', {}, typeof v === 'object' ? JSON.stringify(v) : String(v)));
      });
      box.appendChild(list);
    });
    var edit = el('button', { type: 'button', 'class': 'button' }, 'Change values');
    edit.addEventListener('click', function () {
      document.getElementById('template-result').hidden = true;
      form.hidden = false;
      current = 0;
      render();
      form.querySelector('input, select, textarea') && form.querySelector('input, select, textarea').focus();
    });
    box.appendChild(el('p', {}, '')).appendChild(edit);
  }

  /** A word for a POSIX shell: in single quotes, each ' written as '\''. */
  function quoted(text) {
    return "'" + String(text).replace(/'/g, "'\\''") + "'";
  }

  function finish() {
    summary();
    form.hidden = true;
    var command = 'paved scaffold ' + templateRef + ' --values values.yaml';
    document.getElementById('template-command').textContent = command;
    var yaml = '# Values for ' + templateRef + ' (JSON is YAML): ' + command + '\n' + JSON.stringify(values, null, 2) + '\n';
    var link = document.getElementById('template-values');
    link.href = URL.createObjectURL(new Blob([yaml], { type: 'application/yaml' }));
    document.getElementById('template-result').hidden = false;
    document.getElementById('template-result').scrollIntoView();
    document.getElementById('template-copy').onclick = function () {
      if (navigator.clipboard) navigator.clipboard.writeText(command).catch(function () {});
    };
    // Run in CI: the scaffold workflow's inputs, the values as one line of JSON (what the workflow reads).
    var json = JSON.stringify(values);
    document.getElementById('ci-template').textContent = templateRef;
    document.getElementById('ci-values').textContent = json;
    document.getElementById('ci-command').textContent = 'gh workflow run scaffold.yml -f template=' + quoted(templateRef)
        + ' -f values=' + quoted(json);
    document.getElementById('ci-copy').onclick = function () {
      if (navigator.clipboard) navigator.clipboard.writeText(json).catch(function () {});
    };
  }

  form.addEventListener('submit', function (e) {
    e.preventDefault();
    if (!save(true)) {
      var first = form.querySelector('.field-error');
      if (first) first.parentNode.querySelector('input, select, textarea').focus();
      return;
    }
    if (current < pages.length - 1) {
      current++;
      render();
    } else {
      finish();
    }
  });

  if (pages.length > 0) {
    form.hidden = false;
    render();
  }
})();

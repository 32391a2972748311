// Paved's catalog graph explorer (Backstage's catalog graph page): the entities around one entity, to a depth, along
// the relations chosen, laid out in the browser by ELK (elkjs, the layout library the build uses for the entity
// pages' diagrams). The catalog comes from graph-data.js, a script, so that the explorer also works from file://.
(function () {
  'use strict';

  // Relation types by the group a reader switches on or off.
  var GROUPS = {
    ownership: ['ownedBy', 'ownerOf'], parts: ['partOf', 'hasPart'],
    apis: ['providesApi', 'apiProvidedBy', 'consumesApi', 'apiConsumedBy'],
    dependencies: ['dependsOn', 'dependencyOf'], membership: ['memberOf', 'hasMember'], groups: ['parentOf', 'childOf']
  };
  var MAX_NODES = 150;
  var data = null;

  window.pavedGraph = function (graph) {
    data = graph;
    if (document.readyState === 'loading') {
      document.addEventListener('DOMContentLoaded', start);
    } else {
      start();
    }
  };

  function el(name, attrs, text) {
    var e = document.createElementNS('http://www.w3.org/2000/svg', name);
    Object.keys(attrs || {}).forEach(function (k) { e.setAttribute(k, attrs[k]); });
    if (text !== undefined) e.textContent = text;
    return e;
  }

  function start() {
    var form = document.getElementById('graph-form');
    var view = document.getElementById('graph-view');
    var count = document.getElementById('graph-count');
    if (!form || !data || typeof ELK === 'undefined') return;
    var root = form.getAttribute('data-root') || '';
    var byRef = {};
    var list = document.getElementById('graph-entities');
    data.nodes.forEach(function (n, i) {
      byRef[n[0]] = i;
      var option = document.createElement('option');
      option.value = n[0];
      option.label = n[3];
      list.appendChild(option);
    });
    var adjacent = data.nodes.map(function () { return []; });
    data.edges.forEach(function (e, i) {
      adjacent[e[0]].push(i);
      adjacent[e[2]].push(i);
    });
    var params = new URLSearchParams(location.search);
    form.elements.entity.value = params.get('entity') || (data.nodes[0] ? data.nodes[0][0] : '');
    if (params.get('depth')) form.elements.depth.value = params.get('depth');
    if (params.has('relations')) {
      var on = params.get('relations').split(',');
      Array.prototype.forEach.call(form.querySelectorAll('input[name=relations]'), function (box) {
        box.checked = on.indexOf(box.value) >= 0;
      });
    }
    var elk = new ELK();
    var drawing = 0;

    function draw() {
      var self = byRef[form.elements.entity.value.trim()];
      var depth = Number(form.elements.depth.value) || 1;
      var groups = Array.prototype.filter.call(form.querySelectorAll('input[name=relations]'),
        function (box) { return box.checked; }).map(function (box) { return box.value; });
      var types = {};
      groups.forEach(function (g) { GROUPS[g].forEach(function (t) { types[t] = true; }); });
      var query = new URLSearchParams({ entity: form.elements.entity.value.trim(), depth: depth, relations: groups.join(',') });
      try { history.replaceState(null, '', '?' + query); } catch (e) { /* file:// may refuse */ }
      if (self === undefined) {
        view.replaceChildren();
        count.textContent = 'No entity ' + form.elements.entity.value.trim() + ' in the catalog.';
        return;
      }
      // Breadth first from the entity, along the chosen relations, to the depth asked.
      var seen = {}; seen[self] = 0;
      var order = [self];
      var edges = {};
      for (var i = 0; i < order.length; i++) {
        var at = order[i];
        if (seen[at] >= depth) continue;
        adjacent[at].forEach(function (ei) {
          var e = data.edges[ei];
          if (!types[e[1]]) return;
          var other = e[0] === at ? e[2] : e[0];
          if (seen[other] === undefined) {
            if (order.length >= MAX_NODES) return;
            seen[other] = seen[at] + 1;
            order.push(other);
          }
          edges[ei] = true;
        });
      }
      var shownEdges = Object.keys(edges).map(Number).filter(function (ei) {
        var e = data.edges[ei];
        return seen[e[0]] !== undefined && seen[e[2]] !== undefined;
      });
      count.textContent = order.length + (order.length === 1 ? ' entity' : ' entities') + ', ' + shownEdges.length
        + (shownEdges.length === 1 ? ' relation' : ' relations') + (order.length >= MAX_NODES ? ' (the first ' + MAX_NODES + ')' : '');
      var graph = {
        id: 'graph',
        layoutOptions: { 'elk.algorithm': 'layered', 'elk.direction': 'RIGHT', 'elk.padding': '[top=12,left=12,bottom=12,right=12]',
          'elk.spacing.nodeNode': '14', 'elk.layered.spacing.nodeNodeBetweenLayers': '40', 'elk.spacing.edgeLabel': '4' },
        children: order.map(function (n) {
          var node = data.nodes[n];
          var chars = Math.max(kindLabel(node).length, node[3].length);
          return { id: 'n' + n, width: Math.max(90, chars * 7.2 + 20), height: 42 };
        }),
        edges: shownEdges.map(function (ei) {
          var e = data.edges[ei];
          return { id: 'e' + ei, sources: ['n' + e[0]], targets: ['n' + e[2]],
            labels: [{ text: e[1], width: e[1].length * 6 + 6, height: 14 }] };
        })
      };
      var mine = ++drawing;
      elk.layout(graph).then(function (laid) {
        if (mine !== drawing) return;
        view.replaceChildren(render(laid, self, root));
      });
    }

    function kindLabel(node) {
      return node[1] + (node[2] ? ' · ' + node[2] : '');
    }

    function render(laid, self, root) {
      var svg = el('svg', { 'class': 'relation-diagram', role: 'group', viewBox: '0 0 ' + laid.width + ' ' + laid.height,
        width: laid.width, height: laid.height });
      svg.appendChild(el('title', {}, 'Catalog graph around ' + data.nodes[self][0]));
      var defs = el('defs');
      var marker = el('marker', { id: 'graph-arrow', viewBox: '0 0 10 10', refX: '10', refY: '5', markerWidth: '8',
        markerHeight: '8', orient: 'auto-start-reverse' });
      marker.appendChild(el('path', { d: 'M0,0L10,5L0,10z' }));
      defs.appendChild(marker);
      svg.appendChild(defs);
      (laid.edges || []).forEach(function (edge) {
        (edge.sections || []).forEach(function (s) {
          var d = 'M' + s.startPoint.x + ',' + s.startPoint.y;
          (s.bendPoints || []).forEach(function (p) { d += 'L' + p.x + ',' + p.y; });
          d += 'L' + s.endPoint.x + ',' + s.endPoint.y;
          svg.appendChild(el('path', { 'class': 'edge', d: d, 'marker-end': 'url(#graph-arrow)' }));
        });
        (edge.labels || []).forEach(function (l) {
          svg.appendChild(el('text', { 'class': 'edge-label', x: l.x + l.width / 2, y: l.y + 11 }, l.text));
        });
      });
      laid.children.forEach(function (n) {
        var index = Number(n.id.slice(1));
        var node = data.nodes[index];
        var link = el('a', { href: root + node[4] });
        var g = el('g', { 'class': 'node' + (index === self ? ' self' : '') });
        g.appendChild(el('rect', { x: n.x, y: n.y, width: n.width, height: n.height, rx: 6 }));
        g.appendChild(el('text', { 'class': 'kind', x: n.x + 10, y: n.y + 16 }, kindLabel(node)));
        g.appendChild(el('text', { 'class': 'name', x: n.x + 10, y: n.y + 33 }, node[3]));
        link.appendChild(g);
        svg.appendChild(link);
      });
      return svg;
    }

    form.addEventListener('submit', function (e) { e.preventDefault(); draw(); });
    form.addEventListener('change', draw);
    form.hidden = false;
    draw();
  }
}());

// communique serve: the page. No framework, nothing from elsewhere: every
// element is made with createElement and every value of the archive goes
// in as textContent, never as markup. The view lives in the address's
// fragment (#/events?actor=Japan), so a view can be bookmarked and shared.
//
// Contract with tests (tests/browser/serve_test.mjs): the timeline's form
// is #filters with inputs named as the API's parameters; events are
// <article class="event" data-id="e12">; an event's page has the forms
// #f-note, #f-tag, #f-edit, #f-delete and the history #history; #status
// says what the last action did.
(function () {
  'use strict';
  var doc = document;
  doc.documentElement.className += ' js';
  var view = doc.getElementById('view');
  var statusEl = doc.getElementById('status');
  var meta = { can_write: false, types: [], review_reasons: [] };
  var carry = '';   // what an action that leads to another page says there
  var FILTERS = ['actor', 'between', 'type', 'topic', 'status', 'agency', 'from', 'to', 'text',
    'verified', 'min-confidence', 'below-confidence'];

  // ---- DOM helpers -----------------------------------------------------------
  function el(tag, attrs) {
    var e = doc.createElement(tag);
    if (attrs) {
      Object.keys(attrs).forEach(function (k) {
        var v = attrs[k];
        if (v === null || v === undefined || v === false) return;
        if (k === 'text') e.textContent = v;
        else if (k === 'on') Object.keys(v).forEach(function (ev) { e.addEventListener(ev, v[ev]); });
        else e.setAttribute(k, v === true ? '' : String(v));
      });
    }
    for (var i = 2; i < arguments.length; i++) add(e, arguments[i]);
    return e;
  }
  function add(parent, child) {
    if (child === null || child === undefined || child === false) return;
    if (Array.isArray(child)) { child.forEach(function (c) { add(parent, c); }); return; }
    parent.appendChild(typeof child === 'string' || typeof child === 'number'
      ? doc.createTextNode(String(child)) : child);
  }
  // A link only to http(s): a report's address may be javascript: or data:.
  function link(url) {
    return /^https?:\/\//i.test(url || '') ? el('a', { href: url, rel: 'noopener noreferrer', text: url })
      : el('span', { text: url || '' });
  }
  function clear(node) { while (node.firstChild) node.removeChild(node.firstChild); }
  function say(msg, bad) {
    statusEl.textContent = msg || '';
    statusEl.className = bad ? 'bad' : '';
  }
  var SVG = 'http://www.w3.org/2000/svg';
  function svg(tag, attrs) {
    var e = doc.createElementNS(SVG, tag);
    Object.keys(attrs || {}).forEach(function (k) {
      if (k === 'text') e.textContent = attrs[k]; else e.setAttribute(k, attrs[k]);
    });
    return e;
  }

  // ---- the API -------------------------------------------------------------------
  function qs(params) {
    var u = new URLSearchParams();
    Object.keys(params).forEach(function (k) {
      var v = params[k];
      (Array.isArray(v) ? v : [v]).forEach(function (x) {
        if (x !== undefined && x !== null && x !== '') u.append(k, x);
      });
    });
    var s = u.toString();
    return s ? '?' + s : '';
  }
  function get(path, params) {
    return fetch('/api/' + path + qs(params || {}), { credentials: 'same-origin' }).then(answer);
  }
  function post(path, body) {
    return fetch('/api/' + path, {
      method: 'POST', credentials: 'same-origin',
      headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body || {})
    }).then(answer);
  }
  function answer(res) {
    return res.json().catch(function () { return { error: 'HTTP ' + res.status }; }).then(function (j) {
      if (!res.ok) throw new Error(j && j.error ? j.error : 'HTTP ' + res.status);
      return j;
    });
  }

  // ---- routing -------------------------------------------------------------------
  function route() {
    var h = location.hash.replace(/^#/, '') || '/events';
    var q = h.indexOf('?');
    var path = q < 0 ? h : h.slice(0, q);
    var params = new URLSearchParams(q < 0 ? '' : h.slice(q + 1));
    var parts = path.split('/').filter(Boolean);
    say(carry);
    carry = '';
    clear(view);
    var go = {
      events: function () { timeline(params); },
      event: function () { eventPage(parts[1]); },
      reports: function () { reportsPage(params); },
      report: function () { reportPage(parts[1]); },
      relations: function () { relationsPage(params); },
      review: function () { reviewPage(params); }
    }[parts[0]];
    (go || function () { view.appendChild(el('p', { 'class': 'lede', text: 'No such page.' })); })();
    window.scrollTo(0, 0);
  }
  function paramsObject(p) {
    var o = {};
    FILTERS.forEach(function (k) {
      var all = p.getAll(k).filter(function (v) { return v !== ''; });
      if (all.length) o[k] = all.length > 1 || k === 'actor' || k === 'between' ? all : all[0];
    });
    return o;
  }
  function fail(where) {
    return function (err) { say(err.message, true); if (where) add(where, el('p', { 'class': 'error', text: err.message })); };
  }

  // ---- an event as the HTML export shows it ----------------------------------------------
  function typeLabel(t) {
    for (var i = 0; i < meta.types.length; i++) if (meta.types[i].name === t) return meta.types[i].label;
    return t || '';
  }
  function actorsLine(ev) {
    var src = [], tgt = [], par = [];
    (ev.actors || []).forEach(function (a) {
      (a.role === 'source' ? src : a.role === 'target' ? tgt : par).push(a.name);
    });
    if (par.length) return par.join(' & ');
    return src.join(', ') + (tgt.length ? ' → ' + tgt.join(', ') : '');
  }
  function eventCard(ev, opts) {
    opts = opts || {};
    var art = el('article', { 'class': 'event', 'data-id': ev.id, 'data-type': ev.type || '' });
    var side = el('div', { 'class': 'side' },
      el('div', { 'class': 'date', text: ev.date || 'undated' }),
      el('div', { text: ev.id }),
      el('div', { 'class': 'confidence', text: 'confidence ' + Math.round((ev.confidence || 0) * 100) + '%' }));
    var kind = el('p', { 'class': 'kind' }, el('span', { 'class': 'marker' }),
      el('span', { 'class': 'type', text: typeLabel(ev.type) }),
      el('span', { 'class': 'cameo', text: ev.cameo || '' }),
      ev.status && ev.status !== 'occurred' ? el('span', { 'class': 'status', text: ev.status }) : null,
      ev.curation && ev.curation.verified ? el('span', { 'class': 'verified', text: '✓ verified' }) : null,
      ev.gone ? el('span', { 'class': 'change change-withdrawn', text: ev.gone.join(', ') }) : null);
    var title = el('p', { 'class': 'summary' },
      opts.nolink ? ev.summary || '' : el('a', { href: '#/event/' + ev.id.slice(1), text: ev.summary || '(no summary)' }));
    var what = el('div', { 'class': 'what' }, kind, title,
      el('p', { 'class': 'actors-line', text: actorsLine(ev) }));
    if (ev.topics && ev.topics.length)
      what.appendChild(el('ul', { 'class': 'chips' }, ev.topics.map(function (t) {
        return el('li', { 'class': 'chip topic' }, el('a', { href: '#/events' + qs({ topic: t }), text: t }));
      })));
    var tags = ev.curation && ev.curation.tags || [];
    if (tags.length) what.appendChild(el('ul', { 'class': 'tags' }, tags.map(function (t) {
      return el('li', { 'class': 'tag', text: t });
    })));
    var notes = ev.curation && ev.curation.notes || [];
    if (notes.length) what.appendChild(el('ul', { 'class': 'notes' }, notes.map(function (n) {
      return el('li', null, n.text + ' ', el('span', { 'class': 'note-by', text: '— ' + (n.by || '?') }));
    })));
    if (ev.sources && ev.sources.length)
      what.appendChild(el('ul', { 'class': 'sources' }, ev.sources.map(function (s) {
        return el('li', null, el('span', { 'class': 'agency', text: s.agency || '?' }), ' ',
          el('a', { href: '#/report/' + String(s.report).slice(1), text: s.title || s.report }),
          s.published ? ' · ' + s.published.slice(0, 10) : '');
      })));
    add(art, [side, what]);
    return art;
  }

  var MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September',
    'October', 'November', 'December'];
  function monthName(ym) { return MONTHS[Number(ym.slice(5, 7)) - 1] || ym; }

  // ---- the timeline -------------------------------------------------------------------------------
  function field(label, name, value, attrs) {
    var a = { name: name, value: value || '' };
    Object.keys(attrs || {}).forEach(function (k) { a[k] = attrs[k]; });
    return el('label', null, label, el('input', a));
  }
  function select(label, name, options, value) {
    return el('label', null, label, el('select', { name: name }, options.map(function (o) {
      return el('option', { value: o[0], selected: o[0] === (value || ''), text: o[1] });
    })));
  }
  function filterForm(p, target) {
    var between = p.getAll('between');
    var form = el('form', { id: 'filters', autocomplete: 'off' },
      field('Actor', 'actor', p.get('actor'), { list: 'actor-names' }),
      field('Between', 'between', between[0], { list: 'actor-names' }),
      field('and', 'between', between[1], { list: 'actor-names' }),
      select('Type', 'type', [['', 'all types']].concat(meta.types.map(function (t) { return [t.name, t.label]; })), p.get('type')),
      field('Topic', 'topic', p.get('topic')),
      select('Status', 'status', [['', 'occurred, planned'], ['occurred', 'occurred'], ['planned', 'planned'],
        ['negated', 'negated'], ['all', 'all']], p.get('status')),
      field('Agency', 'agency', p.get('agency')),
      field('From', 'from', p.get('from'), { placeholder: 'YYYY-MM-DD' }),
      field('To', 'to', p.get('to'), { placeholder: 'YYYY-MM-DD' }),
      field('Text', 'text', p.get('text'), { type: 'search' }),
      select('Verified', 'verified', [['', 'all'], ['yes', 'verified'], ['no', 'not verified']], p.get('verified')),
      field('Min. confidence', 'min-confidence', p.get('min-confidence'), { placeholder: '0.5' }),
      el('button', { type: 'submit', text: 'Show' }),
      el('button', { type: 'button', text: 'Clear', on: { click: function () { location.hash = '#/' + target; } } }),
      el('datalist', { id: 'actor-names' }));
    form.addEventListener('submit', function (e) {
      e.preventDefault();
      var u = new URLSearchParams();
      new FormData(form).forEach(function (v, k) { if (v !== '') u.append(k, v); });
      var s = u.toString();
      location.hash = '#/' + target + (s ? '?' + s : '');
    });
    // Suggestions as one types an actor.
    form.querySelectorAll('input[list=actor-names]').forEach(function (inp) {
      inp.addEventListener('input', function () {
        if (inp.value.length < 2) return;
        get('actors', { q: inp.value }).then(function (j) {
          var dl = form.querySelector('#actor-names');
          clear(dl);
          j.actors.forEach(function (a) { dl.appendChild(el('option', { value: a.name })); });
        }).catch(function () {});
      });
    });
    return form;
  }
  function timeline(p) {
    var filters = paramsObject(p);
    var list = el('div', { id: 'timeline' });
    var more = el('button', { type: 'button', id: 'more', hidden: true, text: 'More events' });
    var count = el('p', { id: 'f-count', 'class': 'lede' });
    var exports = el('p', { 'class': 'exports lede' }, 'Export this view: ',
      ['csv', 'json', 'html'].map(function (f, i) {
        var q = qs(Object.assign({ format: f }, filters));
        return [i ? ' · ' : '', el('a', { href: '/api/export' + q, download: 'timeline.' + f, text: f.toUpperCase() })];
      }));
    add(view, [el('h1', { text: 'Timeline' }), filterForm(p, 'events'), count, exports, list, more]);
    var shown = 0;
    function page(after) {
      say('Loading…');
      get('events', Object.assign({ limit: 50, after: after }, filters)).then(function (j) {
        // Years and months as the HTML export heads them.
        var lastMonth = list.getAttribute('data-month') || '';
        j.events.forEach(function (ev) {
          var m = ev.date ? ev.date.slice(0, 7) : 'undated';
          if (m !== lastMonth) {
            if (m.slice(0, 4) !== lastMonth.slice(0, 4))
              list.appendChild(el('h2', { 'class': 'year', text: ev.date ? m.slice(0, 4) : 'Undated' }));
            if (m.length === 7) list.appendChild(el('h3', { 'class': 'month', text: monthName(m) }));
            lastMonth = m;
          }
          list.appendChild(eventCard(ev));
        });
        list.setAttribute('data-month', lastMonth);
        shown += j.events.length;
        count.textContent = shown + ' event' + (shown === 1 ? '' : 's') + (j.next ? ' shown, more below' : '');
        more.hidden = !j.next;
        more.onclick = function () { page(j.next); };
        say('');
      }).catch(fail(list));
    }
    page();
  }

  // ---- one event -----------------------------------------------------------------------------------
  // The report's text with the evidence marked: text nodes and a <mark>,
  // never markup made from the text.
  function highlighted(body, evidence) {
    var p = el('div', { 'class': 'report-text' });
    var at = evidence ? body.indexOf(evidence) : -1;
    if (at < 0 && evidence) {
      // The evidence may be cut or respaced: try its first words.
      var head = evidence.split(/\s+/).slice(0, 8).join(' ');
      at = head.length > 20 ? body.indexOf(head) : -1;
      if (at >= 0) evidence = head;
    }
    if (at < 0) { p.textContent = body; return p; }
    add(p, [body.slice(0, at), el('mark', { id: 'evidence', text: evidence }), body.slice(at + evidence.length)]);
    return p;
  }
  function form(id, title, fields, submit, onsubmit) {
    var f = el('form', { id: id, 'class': 'curate' }, el('h3', { 'class': 'month', text: title }), fields,
      el('button', { type: 'submit', text: submit }));
    f.addEventListener('submit', function (e) {
      e.preventDefault();
      var data = {};
      new FormData(f).forEach(function (v, k) { if (v !== '') data[k] = v; });
      onsubmit(data, f);
    });
    return f;
  }
  function act(id, verb, body) {
    say('Saving…');
    return post('events/' + id + '/' + verb, body).then(function (j) {
      say(verb + ': saved' + (j.curation ? ' (' + j.curation + ')' : ''));
      return j;
    }).catch(function (e) { say(e.message, true); throw e; });
  }
  function names(s) { return s ? s.split(',').map(function (x) { return x.trim(); }).filter(Boolean) : undefined; }
  function curationForms(ev) {
    var id = ev.id.slice(1);
    var reload = function () { eventPage(id, true); };
    var box = el('section', { id: 'curation' }, el('h2', { 'class': 'year', text: 'Correct' }));
    if (!meta.can_write) {
      box.appendChild(el('p', { 'class': 'lede', text: 'Read only: open the address communique serve printed (with its token) to correct events.' }));
      return box;
    }
    var v = ev.curation && ev.curation.verified;
    box.appendChild(el('p', null,
      el('button', { type: 'button', id: 'b-verify', text: v ? 'Unverify' : 'Verify',
        on: { click: function () { act(id, v ? 'unverify' : 'verify', {}).then(reload, function () {}); } } }),
      ' ',
      ev.gone ? el('button', { type: 'button', id: 'b-restore', text: 'Restore',
        on: { click: function () { act(id, 'restore', {}).then(reload, function () {}); } } }) : null));
    box.appendChild(form('f-note', 'Note', [field('Note', 'text', '')], 'Add note', function (d) {
      act(id, 'note', d).then(reload, function () {});
    }));
    box.appendChild(form('f-tag', 'Tag', [field('Tag', 'tag', '')], 'Tag', function (d) {
      act(id, 'tag', d).then(reload, function () {});
    }));
    var tags = ev.curation && ev.curation.tags || [];
    if (tags.length) box.appendChild(el('p', { id: 'untag' }, 'Remove a tag: ', tags.map(function (t) {
      return el('button', { type: 'button', 'class': 'undo', text: t + ' ×',
        on: { click: function () { act(id, 'untag', { tag: t }).then(reload, function () {}); } } });
    })));
    var types = [['', '(keep)']].concat(meta.types.map(function (t) { return [t.name, t.label]; }));
    var editFields = [select('Type', 'type', types, ''),
      select('Status', 'status', [['', '(keep)'], ['occurred', 'occurred'], ['planned', 'planned'], ['negated', 'negated']], ''),
      field('Date', 'date', '', { placeholder: ev.date || 'YYYY-MM-DD or none' }),
      field('Summary', 'summary', ''),
      field('Sources (comma-separated)', 'source', ''),
      field('Targets', 'target', ''),
      field('Participants', 'participant', ''),
      field('Why', 'why', '')];
    function editBody(d) {
      ['source', 'target', 'participant'].forEach(function (k) { if (d[k]) d[k] = names(d[k]); });
      return d;
    }
    box.appendChild(form('f-edit', 'Edit', editFields, 'Save changes', function (d) {
      act(id, 'edit', editBody(d)).then(reload, function () {});
    }));
    box.appendChild(form('f-split', 'Split (a copy with these changes)', [field('Date', 'date', ''),
      select('Type', 'type', types, ''), field('Why', 'why', '')], 'Split', function (d) {
      act(id, 'split', d).then(function (j) { carry = 'split: new event ' + j.event; location.hash = '#/event/' + j.event.slice(1); }, function () {});
    }));
    box.appendChild(form('f-merge', 'Merge into this event', [field('Events (e12, e13)', 'others', ''),
      field('Why', 'why', '')], 'Merge', function (d) {
      d.others = names(d.others) || [];
      act(id, 'merge', d).then(reload, function () {});
    }));
    box.appendChild(form('f-delete', 'Delete', [field('Why (required)', 'why', '', { required: true })], 'Delete', function (d) {
      act(id, 'delete', d).then(reload, function () {});
    }));
    return box;
  }
  function history(list) {
    var ul = el('ol', { id: 'history', 'class': 'sources' });
    list.forEach(function (c) {
      var li = el('li', { 'data-id': c.id }, el('span', { 'class': 'agency', text: c.id }), ' ',
        new Date(c.at * 1000).toISOString().slice(0, 16).replace('T', ' '), ' · ', c.by || '?', ' · ', c.action,
        c.field ? ' ' + c.field : '', c.value !== null && c.value !== undefined ? ' ' + JSON.stringify(c.value) : '',
        c.reason ? ' — ' + c.reason : '', c.undone_by ? ' (undone by ' + c.undone_by + ')' : '');
      if (meta.can_write && !c.undone_by && c.action !== 'undo')
        li.appendChild(el('button', { type: 'button', 'class': 'undo', text: 'undo', on: { click: function () {
          say('Saving…');
          post('curations/' + c.id.slice(1) + '/undo', {}).then(function (j) {
            say('undone (' + j.curation + ')'); route();
          }).catch(fail());
        } } }));
      ul.appendChild(li);
    });
    if (!list.length) ul.appendChild(el('li', { text: 'Nobody has corrected this event.' }));
    return ul;
  }
  function eventPage(id, keepStatus) {
    var msg = statusEl.textContent;
    clear(view);
    if (keepStatus) say(msg);
    get('events/' + encodeURIComponent(id)).then(function (j) {
      var ev = j.event;
      add(view, [el('p', { 'class': 'lede' }, el('a', { href: '#/events', text: '← Timeline' })),
        el('h1', { text: ev.summary || ev.id }), eventCard(ev, { nolink: true })]);
      if (ev.evidence) view.appendChild(el('blockquote', { 'class': 'evidence', text: ev.evidence }));
      view.appendChild(el('h2', { 'class': 'year', text: 'Sources' }));
      j.reports.forEach(function (r) {
        view.appendChild(el('section', { 'class': 'report', 'data-id': r.id },
          el('h3', null, el('a', { href: '#/report/' + r.id.slice(1), text: r.title || r.id })),
          el('p', { 'class': 'lede', text: [r.agency, r.published_text, r.place].filter(Boolean).join(' · ') }),
          r.url ? el('p', { 'class': 'lede' }, link(r.url)) : null,
          r.lede ? el('p', { 'class': 'lede', text: r.lede }) : null,
          highlighted(r.body || '', ev.evidence || ''),
          r.truncated ? el('p', { 'class': 'lede', text: '(text cut at 1 MB)' }) : null));
      });
      view.appendChild(el('h2', { 'class': 'year', text: 'Other events of these reports' }));
      if (!j.related.length) view.appendChild(el('p', { 'class': 'lede', text: 'None.' }));
      j.related.forEach(function (e) { view.appendChild(eventCard(e)); });
      view.appendChild(el('h2', { 'class': 'year', text: 'History' }));
      view.appendChild(history(j.history));
      view.appendChild(curationForms(ev));
    }).catch(fail(view));
  }

  // ---- reports ---------------------------------------------------------------------------------------------
  function reportsPage(p) {
    var list = el('ul', { id: 'reports', 'class': 'sources' });
    var more = el('button', { type: 'button', hidden: true, text: 'More reports' });
    var f = el('form', { id: 'filters' }, field('Search the reports', 'q', p.get('q'), { type: 'search' }),
      el('button', { type: 'submit', text: 'Search' }));
    f.addEventListener('submit', function (e) {
      e.preventDefault();
      var q = new FormData(f).get('q');
      location.hash = '#/reports' + (q ? '?' + new URLSearchParams({ q: q }).toString() : '');
    });
    add(view, [el('h1', { text: 'Reports' }), f, list, more]);
    function page(before) {
      get('reports', { q: p.get('q'), before: before }).then(function (j) {
        j.reports.forEach(function (r) {
          list.appendChild(el('li', { 'data-id': r.id }, el('span', { 'class': 'agency', text: r.agency || '?' }), ' ',
            el('a', { href: '#/report/' + r.id.slice(1), text: r.title || r.id }),
            ' · ' + (r.published_text || 'undated') + ' · ' + r.events + ' event' + (r.events === 1 ? '' : 's')));
        });
        if (!list.firstChild) list.appendChild(el('li', { text: 'No report.' }));
        more.hidden = !j.next;
        more.onclick = function () { page(j.next); };
      }).catch(fail(list));
    }
    page();
  }
  function reportPage(id) {
    get('reports/' + encodeURIComponent(id)).then(function (j) {
      var r = j.report;
      add(view, [el('p', { 'class': 'lede' }, el('a', { href: '#/reports', text: '← Reports' })),
        el('h1', { text: r.title || r.id }),
        el('p', { 'class': 'lede', text: [r.id, r.agency, r.published_text, r.place].filter(Boolean).join(' · ') }),
        r.url ? el('p', { 'class': 'lede' }, link(r.url)) : null,
        r.lede ? el('p', { 'class': 'lede', text: r.lede }) : null,
        el('div', { 'class': 'report-text', text: r.body || '' }),
        el('h2', { 'class': 'year', text: 'Its events' })]);
      j.events.forEach(function (e) { view.appendChild(eventCard(e)); });
      if (!j.events.length) view.appendChild(el('p', { 'class': 'lede', text: 'None.' }));
      if (meta.can_write) view.appendChild(addForm(r));
    }).catch(fail(view));
  }
  // An event the extraction missed, told by this report.
  function addForm(r) {
    var types = meta.types.map(function (t) { return [t.name, t.label]; });
    return form('f-add', 'Add an event this report tells', [select('Type', 'type', types, ''),
      select('Status', 'status', [['occurred', 'occurred'], ['planned', 'planned'], ['negated', 'negated']], 'occurred'),
      field('Date', 'date', '', { placeholder: 'YYYY-MM-DD' }),
      field('Sources (comma-separated)', 'source', ''), field('Targets', 'target', ''),
      field('Participants', 'participant', ''), field('Summary', 'summary', ''),
      field('Evidence (a passage of the report)', 'evidence', ''), field('Why', 'why', '')], 'Add', function (d) {
      ['source', 'target', 'participant'].forEach(function (k) { if (d[k]) d[k] = names(d[k]); });
      d.report = r.id;
      say('Saving…');
      post('events', d).then(function (j) {
        carry = 'added ' + j.event;
        location.hash = '#/event/' + j.event.slice(1);
      }).catch(fail());
    });
  }

  // ---- relations: a stacked bar per month, drawn here as SVG --------------------------------------
  var QUADS = [['verbal_cooperation', 'verbal cooperation', 'q-vc'], ['material_cooperation', 'material cooperation', 'q-mc'],
    ['verbal_conflict', 'verbal conflict', 'q-vk'], ['material_conflict', 'material conflict', 'q-mk']];
  // Every month from the first to the last, the empty ones too: the
  // horizontal axis is time.
  function allMonths(months) {
    if (!months.length) return months;
    var by = {};
    months.forEach(function (m) { by[m.month] = m; });
    var y = Number(months[0].month.slice(0, 4)), mo = Number(months[0].month.slice(5, 7));
    var last = months[months.length - 1].month, out = [];
    for (var i = 0; i < 1200; i++) {
      var key = y + '-' + (mo < 10 ? '0' : '') + mo;
      out.push(by[key] || { month: key, verbal_cooperation: 0, material_cooperation: 0, verbal_conflict: 0,
        material_conflict: 0, events: 0 });
      if (key >= last) break;
      if (++mo > 12) { mo = 1; y++; }
    }
    return out;
  }
  function chart(months) {
    months = allMonths(months);
    var W = 760, H = 220, pad = 30, n = Math.max(months.length, 1);
    var max = 1;
    months.forEach(function (m) {
      max = Math.max(max, m.verbal_cooperation + m.material_cooperation, m.verbal_conflict + m.material_conflict);
    });
    var mid = H / 2, scale = (mid - pad) / max, bw = Math.max(2, Math.min(40, (W - 2 * pad) / n - 2));
    var s = svg('svg', { viewBox: '0 0 ' + W + ' ' + H, role: 'img', id: 'relations-chart',
      'aria-label': 'events per month: cooperation above the line, conflict below' });
    s.appendChild(svg('line', { x1: pad, x2: W - pad, y1: mid, y2: mid, 'class': 'axis' }));
    months.forEach(function (m, i) {
      var x = pad + i * ((W - 2 * pad) / n);
      var g = svg('g', { 'class': 'month' });
      g.appendChild(svg('title', { text: m.month + ': ' + QUADS.map(function (q) { return m[q[0]] + ' ' + q[1]; }).join(', ') }));
      var up = mid, down = mid;
      QUADS.forEach(function (q, k) {
        var h = m[q[0]] * scale;
        if (!h) return;
        var y = k < 2 ? (up -= h) : down;
        if (k >= 2) down += h;
        g.appendChild(svg('rect', { x: x, y: y, width: bw, height: h, 'class': 'bar ' + q[2] }));
      });
      s.appendChild(g);
      if (n <= 24 || i % Math.ceil(n / 12) === 0)
        s.appendChild(svg('text', { x: x, y: H - 4, text: m.month }));
    });
    s.appendChild(svg('text', { x: 2, y: 12, text: 'cooperation ↑ (the tallest bar: ' + max + ' event' + (max === 1 ? '' : 's') + ')' }));
    s.appendChild(svg('text', { x: 2, y: H - 18, text: 'conflict ↓' }));
    return s;
  }
  function relationsPage(p) {
    var f = el('form', { id: 'filters' }, field('Actor', 'actor', p.get('actor')),
      field('or between', 'between', p.getAll('between')[0]), field('and', 'between', p.getAll('between')[1]),
      field('From', 'from', p.get('from')), field('To', 'to', p.get('to')),
      el('button', { type: 'submit', text: 'Show' }));
    f.addEventListener('submit', function (e) {
      e.preventDefault();
      var u = new URLSearchParams();
      new FormData(f).forEach(function (v, k) { if (v !== '') u.append(k, v); });
      location.hash = '#/relations?' + u.toString();
    });
    add(view, [el('h1', { text: 'Relations over time' }), f]);
    var q = paramsObject(p);
    if (!q.actor && !q.between) {
      view.appendChild(el('p', { 'class': 'lede', text: 'Name an actor, or two for a dyad.' }));
      return;
    }
    get('relations', q).then(function (j) {
      var legend = el('p', { 'class': 'legend lede' }, QUADS.map(function (x) {
        return [el('span', { 'class': 'swatch ' + x[2] }), ' ' + x[1] + '  '];
      }));
      var who = j.other ? j.actor + ' and ' + j.other : j.actor;
      add(view, [el('h2', { 'class': 'year', text: who + ' (' + j.code + ')' }),
        el('figure', { id: 'chart' }, chart(j.months), el('figcaption', null, legend)),
        el('h2', { 'class': 'year', text: 'Busiest counterparts' }),
        el('ol', { id: 'counterparts', 'class': 'sources' }, j.counterparts.map(function (c) {
          return el('li', null, el('a', { href: '#/relations' + qs({ between: [j.actor, c.name] }), text: c.name || c.code }),
            ' (' + c.code + '): ' + c.events + ' event' + (c.events === 1 ? '' : 's'));
        })),
        el('p', { 'class': 'lede' }, el('a', { href: '#/events' + qs(q), text: 'The events' }))]);
    }).catch(fail(view));
  }

  // ---- the review queue -------------------------------------------------------------------------------------------
  function reviewPage(p) {
    var reasons = meta.review_reasons.map(function (r) { return [r, r]; });
    var f = el('form', { id: 'filters' }, select('Reason', 'reason', [['', 'all but unverified']].concat(reasons), p.get('reason')),
      el('button', { type: 'submit', text: 'Show' }));
    f.addEventListener('submit', function (e) {
      e.preventDefault();
      var r = new FormData(f).get('reason');
      location.hash = '#/review' + (r ? '?reason=' + encodeURIComponent(r) : '');
    });
    var list = el('div', { id: 'review' });
    add(view, [el('h1', { text: 'Review' }), f, list]);
    get('review', { reason: p.get('reason') }).then(function (j) {
      j.items.forEach(function (it) {
        list.appendChild(el('p', { 'class': 'lede' }, el('strong', { text: it.reason }), ' ', it.detail || '',
          it.other ? ' (see ' + it.other + ')' : ''));
        if (it.event) list.appendChild(eventCard(it.event));
      });
      if (!j.items.length) list.appendChild(el('p', { 'class': 'lede', text: 'Nothing to review.' }));
    }).catch(fail(list));
  }

  // ---- start ------------------------------------------------------------------------------------------------------
  get('meta').then(function (m) {
    meta = m;
    doc.getElementById('mode').textContent = m.can_write ? 'can correct' : 'read only';
    window.addEventListener('hashchange', route);
    route();
  }).catch(fail(view));
})();

/* Search of the open postings in the page's language, in the index the
   build writes to /<lang>/search/ (see internal/search: the files, and the
   rule for words, which fold() and words() below must follow character
   for character). No framework, nothing from another origin, ES5 only:
   old Android browsers run it. Loaded by search-box.js when the box is
   used. */
(function () {
  var MAX = 20; // postings shown; past that, a word more narrows the search
  var form = document.getElementById('search');
  var input = form.querySelector('input');
  var out = document.getElementById('search-results');
  var base = form.getAttribute('data-index'), home = form.getAttribute('data-home');
  var meta = null, metaWait = [], files = {}, asked = 0, timer = 0;

  var LATIN_FROM = 'àáâãäåāăąçćčďèéêëēėęěìíîïīįıñńňòóôõöøōőùúûüūůűųýÿžźżšśşťţ';
  var LATIN_TO = 'aaaaaaaaacccdeeeeeeeeiiiiiiinnnoooooooouuuuuuuuyyzzzsssstt';

  // fold: NFD, combining accents U+0300-U+036F dropped, lower case, œ æ ß.
  function fold(s) {
    if (s.normalize) {
      s = s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase();
    } else { // no String.normalize (before Android 5): the common Latin letters
      s = s.toLowerCase().replace(/[\u0300-\u036f]/g, '');
      var t = '';
      for (var i = 0; i < s.length; i++) {
        var k = LATIN_FROM.indexOf(s.charAt(i));
        t += k < 0 ? s.charAt(i) : LATIN_TO.charAt(k);
      }
      s = t;
    }
    return s.replace(/\u0153/g, 'oe').replace(/\u00e6/g, 'ae').replace(/\u00df/g, 'ss');
  }

  function separator(c) {
    if (c < 0x80) return !(c >= 97 && c <= 122 || c >= 65 && c <= 90 || c >= 48 && c <= 57);
    return c <= 0xbf || c === 0xd7 || c === 0xf7 || c >= 0x2000 && c <= 0x2bff ||
      c >= 0x3000 && c <= 0x303f || c === 0xfffd;
  }

  // The words of a query worth searching: two code units or more, once each.
  function words(q) {
    var s = fold(q), list = [], w = '';
    for (var i = 0; i <= s.length; i++) {
      if (i < s.length && !separator(s.charCodeAt(i))) { w += s.charAt(i); continue; }
      if (w.length >= 2 && list.indexOf(w) < 0) list.push(w);
      w = '';
    }
    return list;
  }

  function shardOf(w, n) {
    var h = 0;
    for (var i = 0; i < 2 && i < w.length; i++) h = (h * 31 + w.charCodeAt(i)) % 4294967296;
    return n > 1 ? h % n : 0;
  }

  function get(name, done) {
    var x = new XMLHttpRequest();
    x.open('GET', base + name, true);
    // onreadystatechange rather than onload: Android 2 and 3 browsers know only it.
    x.onreadystatechange = function () {
      if (x.readyState === 4) done(x.status === 200 ? x.responseText : null); // 0: no network
    };
    x.send();
  }

  function withMeta(done) {
    if (meta) return done(meta);
    metaWait.push(done);
    if (metaWait.length > 1) return;
    get('index.json?t=' + new Date().getTime(), function (text) {
      try { meta = JSON.parse(text); } catch (e) { meta = null; }
      var wait = metaWait;
      metaWait = [];
      for (var i = 0; i < wait.length; i++) wait[i](meta);
    });
  }

  // file calls done with the text of a file of the index, fetched once.
  function file(name, done) {
    var f = files[name];
    if (f && f.text !== undefined) return done(f.text);
    if (!f) {
      f = files[name] = { wait: [] };
      get(name + '?v=' + meta.v, function (text) {
        f.text = text;
        for (var i = 0; i < f.wait.length; i++) f.wait[i](text);
        f.wait = [];
      });
    }
    f.wait.push(done);
  }

  // ids of the words of a shard that begin with q, ascending.
  function matching(shard, q) {
    var seen = {}, ids = [], lines = shard.split('\n');
    for (var i = 0; i < lines.length; i++) {
      var tab = lines[i].indexOf('\t');
      if (tab < 0 || lines[i].lastIndexOf(q, 0) !== 0 || tab < q.length) continue;
      var parts = lines[i].slice(tab + 1).split(','), id = 0;
      for (var j = 0; j < parts.length; j++) {
        id += parseInt(parts[j], 36);
        if (!seen[id]) { seen[id] = true; ids.push(id); }
      }
    }
    return ids.sort(function (a, b) { return a - b; });
  }

  function intersect(a, b) {
    var r = [], i = 0, j = 0;
    while (i < a.length && j < b.length) {
      if (a[i] < b[j]) i++; else if (a[i] > b[j]) j++; else { r.push(a[i]); i++; j++; }
    }
    return r;
  }

  function say(key, n) {
    var p = document.createElement('p');
    p.className = 'search-note';
    p.appendChild(document.createTextNode(form.getAttribute('data-' + key).replace('%s', n)));
    return p;
  }

  function show(nodes) {
    while (out.firstChild) out.removeChild(out.firstChild);
    for (var i = 0; i < nodes.length; i++) out.appendChild(nodes[i]);
  }

  function list(entries) {
    var ol = document.createElement('ol');
    ol.className = 'hits';
    for (var i = 0; i < entries.length; i++) {
      var f = entries[i].split('\t'), li = document.createElement('li'), a = document.createElement('a');
      a.href = home + f[0] + '/';
      a.appendChild(document.createTextNode(f[1]));
      li.appendChild(a);
      li.appendChild(document.createTextNode(' · ' + f[2] + ' · ' + f[3]));
      ol.appendChild(li);
    }
    return ol;
  }

  // entries fetches the entry lines of ids and calls done with them, in order.
  function entries(ids, done) {
    var lines = [], left = ids.length;
    if (!left) return done(lines);
    for (var i = 0; i < ids.length; i++) (function (i) {
      file('e' + Math.floor(ids[i] / meta.c) + '.txt', function (text) {
        lines[i] = text === null ? null : text.split('\n')[ids[i] % meta.c];
        if (--left === 0) done(lines);
      });
    })(i);
  }

  function search() {
    var q = words(input.value), mine = ++asked;
    if (!q.length) return show(input.value.replace(/\s/g, '') ? [say('short', '')] : []);
    withMeta(function (m) {
      if (mine !== asked) return;
      if (!m) return show([say('error', '')]);
      var hits = null, left = q.length, failed = false;
      for (var i = 0; i < q.length; i++) (function (w) {
        file('w' + shardOf(w, m.b) + '.txt', function (text) {
          if (text === null) failed = true;
          else hits = hits === null ? matching(text, w) : intersect(hits, matching(text, w));
          if (--left) return;
          if (mine !== asked) return;
          if (failed) return show([say('error', '')]);
          if (!hits.length) return show([say('none', '')]);
          entries(hits.slice(0, MAX), function (lines) {
            if (mine !== asked) return;
            for (var k = 0; k < lines.length; k++) if (lines[k] == null) return show([say('error', '')]);
            var nodes = [say('found', hits.length), list(lines)];
            if (hits.length > MAX) nodes.push(say('more', MAX));
            show(nodes);
          });
        });
      })(q[i]);
    });
  }

  function later() {
    clearTimeout(timer);
    timer = setTimeout(search, 150);
  }
  input.addEventListener('input', later, false);
  form.addEventListener('submit', function (e) { e.preventDefault(); clearTimeout(timer); search(); }, false);
  if (input.value) search();
})();

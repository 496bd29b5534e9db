// Made by jobboard build from the content model: do not edit.
(function () {
  'use strict';
  var order = {"apply":["to","subject","documents","strict"],"eligibility":["residence"],"languages":["required","plus"],"location":["city","postal_code","region","country"],"salary":["min","max","currency","period","basis"]};
  function isEmpty(v) {
    return v === undefined || v === null || v === '' ||
      (v && typeof v.size === 'number' && v.size === 0);
  }
  // tidy returns the map m with its empty values left out and the keys of
  // the group at path in the model's order (a map of up to 8 keys keeps
  // the order it was filled in, so it is filled again in order).
  function tidy(m, path) {
    var keys = order[path] || [];
    var out = m.clear();
    var rest = [];
    m.forEach(function (v, k) { if (keys.indexOf(k) < 0) rest.push(k); });
    keys.concat(rest).forEach(function (k) {
      if (!m.has(k)) return;
      var v = m.get(k);
      var sub = (path ? path + '.' : '') + k;
      if (v && typeof v.forEach === 'function' && typeof v.clear === 'function' && order[sub]) v = tidy(v, sub);
      if (!isEmpty(v)) out = out.set(k, v);
    });
    return out;
  }
  window.CMS.registerEventListener({
    name: 'preSave',
    handler: function (event) {
      var entry = event.entry;
      if (entry.get('collection') !== 'postings') return undefined;
      return tidy(entry.get('data'), '');
    },
  });
})();

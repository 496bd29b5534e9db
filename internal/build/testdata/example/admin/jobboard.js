// Made by jobboard build from the content model: do not edit.
(function () {
  'use strict';
  var order = {"apply":["to","subject","documents","strict"],"eligibility":["residence"],"languages":["required","plus"],"location":["city","postal_code","region","country"],"salary":["min","max","currency","period","basis"]};
  var placesWidget = "places";
  function isEmpty(v) {
    return v === undefined || v === null || v === '' ||
      (v && typeof v.size === 'number' && v.size === 0);
  }
  // Decap CMS's values are Immutable.js maps and lists: a list has push,
  // a map has not.
  function isList(v) { return !!v && typeof v.push === 'function' && typeof v.filter === 'function'; }
  function isMap(v) { return !!v && !isList(v) && typeof v.forEach === 'function' && typeof v.clear === 'function'; }
  // tidy returns the map m with its empty values left out and the keys of
  // the group at path in the model's order (a map of up to 8 keys keeps
  // the order it was filled in, so it is filled again in order). A list
  // of groups (the places) keeps its groups that are not empty, each
  // tidied, and a list of one group becomes that group.
  function tidy(m, path) {
    var keys = order[path] || [];
    var out = m.clear();
    var rest = [];
    m.forEach(function (v, k) { if (keys.indexOf(k) < 0) rest.push(k); });
    keys.concat(rest).forEach(function (k) {
      if (!m.has(k)) return;
      var v = m.get(k);
      var sub = (path ? path + '.' : '') + k;
      if (isList(v) && order[sub]) v = tidyList(v, sub);
      else if (isMap(v) && order[sub]) v = tidy(v, sub);
      if (!isEmpty(v)) out = out.set(k, v);
    });
    return out;
  }
  function tidyList(l, path) {
    l = l.map(function (g) { return isMap(g) ? tidy(g, path) : g; }).filter(function (g) { return !isEmpty(g); });
    return l.size === 1 ? l.get(0) : l;
  }
  // The places of work: Decap CMS's list control, given a list of one
  // place when the file has one place, a mapping (see PlacesWidget).
  var list = window.CMS.getWidget('list');
  var Places = window.createClass({
    // As the list control: every change of a place is shown.
    shouldComponentUpdate: function () { return true; },
    setInner: function (c) { this.inner = c; },
    // The editor checks the form through this control's validate.
    validate: function () { if (this.inner) this.inner.validate(); },
    focus: function (p) { if (this.inner && this.inner.focus) this.inner.focus(p); },
    render: function () {
      var v = this.props.value;
      if (isMap(v)) v = v.toList().clear().push(v);
      return window.h(list.control, Object.assign({}, this.props, { value: v, ref: this.setInner }));
    },
  });
  window.CMS.registerWidget(placesWidget, Places, list.preview, list.schema);
  window.CMS.registerEventListener({
    name: 'preSave',
    handler: function (event) {
      var entry = event.entry;
      if (entry.get('collection') !== 'postings') return undefined;
      return tidy(entry.get('data'), '');
    },
  });
})();

package admin

import (
	"bytes"
	"encoding/json"

	"github.com/jobboard/jobboard/internal/content"
)

// Script is /admin/jobboard.js, loaded after Decap CMS. Before every save
// it puts the fields of each group in the order of the content model
// (that of "jobboard new": Decap CMS orders the top-level fields only,
// and a group's fields in the order they were filled) and leaves out the
// optional fields left empty, which check would refuse ("is empty").
func Script() ([]byte, error) {
	order := map[string][]string{}
	var walk func(fields []content.Field)
	walk = func(fields []content.Field) {
		for _, f := range fields {
			if len(f.Fields) == 0 {
				continue
			}
			names := make([]string, len(f.Fields))
			for i, g := range f.Fields {
				names[i] = g.Name
			}
			order[f.Path] = names
			walk(f.Fields)
		}
	}
	walk(content.PostingFields())
	js, err := json.Marshal(order) // maps are written sorted by key
	if err != nil {
		return nil, err
	}
	var buf bytes.Buffer
	buf.WriteString("// Made by jobboard build from the content model: do not edit.\n")
	buf.WriteString("(function () {\n  'use strict';\n  var order = ")
	buf.Write(js)
	buf.WriteString(";\n")
	buf.WriteString(scriptBody)
	return buf.Bytes(), nil
}

const scriptBody = `  function isEmpty(v) {
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
`

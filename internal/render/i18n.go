package render

import (
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"regexp"
	"slices"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/jobboard/jobboard/internal/theme"

	"github.com/jobboard/jobboard/internal/content"
)

// strings holds the interface strings of one language, from
// layouts/i18n/<lang>.yaml: a flat map of key → text. A text is a
// fmt.Sprintf pattern: "%s", "%d", and "%[2]s" to change the order of the
// arguments between languages.
type messages struct {
	file string
	text map[string]string
}

// loadMessages reads layouts/i18n/<lang>.yaml. Every value must be text:
// nested maps and lists are refused with the line, so a translator sees where.
//
// Over the built-in theme (package theme), a site's file replaces the
// built-in strings key by key: it need hold only the strings it changes.
func loadMessages(root fs.FS, lang string, c *Cache) (*messages, error) {
	file := "layouts/i18n/" + lang + ".yaml"
	builtin, site, err := theme.Layers(root, file)
	switch {
	case err != nil:
		return nil, err
	case builtin == nil && site == nil:
		return nil, fmt.Errorf("%s: missing: the site has the language %q, so its interface strings must be translated in this file", file, lang)
	case builtin == nil:
		return c.parseMessages(file, site)
	case site == nil:
		return c.parseMessages(file, builtin)
	}
	base, err := c.parseMessages(file+" (built-in)", builtin)
	if err != nil {
		return nil, err
	}
	over, err := c.parseMessages(file, site)
	if err != nil {
		return nil, err
	}
	return c.layered(base, over), nil
}

// parseMessages parses the interface strings of file.
func parseMessages(file string, data []byte) (*messages, error) {
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		return nil, fmt.Errorf("%s: %v", file, strings.TrimPrefix(err.Error(), "yaml: "))
	}
	m := &messages{file: file, text: map[string]string{}}
	if len(doc.Content) == 0 {
		return m, nil
	}
	top := doc.Content[0]
	if top.Kind != yaml.MappingNode {
		return nil, fmt.Errorf("%s:%d: must be a list of key: text lines", file, top.Line)
	}
	for i := 0; i+1 < len(top.Content); i += 2 {
		k, v := top.Content[i], top.Content[i+1]
		if v.Kind != yaml.ScalarNode {
			return nil, fmt.Errorf("%s:%d: %q: must be text, on one line after the key", file, v.Line, k.Value)
		}
		m.text[k.Value] = v.Value
	}
	return m, nil
}

// verbRE finds the fmt verbs of a pattern ("%%" is a literal percent sign).
var verbRE = regexp.MustCompile(`%(\[\d+\])?[-+# 0]*\d*(\.\d+)?[a-zA-Z%]`)

// verbs lists the kinds of verbs of a pattern, sorted and once each, so that
// two languages can be compared: "%[2]s de %[1]d" and "%d of %s" both give
// [d s]. A language may leave a value out ("1er %[2]s %[3]d").
func verbs(pattern string) []string {
	var vs []string
	for _, v := range verbRE.FindAllString(pattern, -1) {
		if v == "%%" {
			continue
		}
		vs = append(vs, v[len(v)-1:])
	}
	slices.Sort(vs)
	return slices.Compact(vs)
}

// checkMessages reports the keys that are needed (used by a layout, or by
// the Go code) or defined in another language but missing from a
// language's file, and the keys whose arguments differ from the default
// language's. Errors are one per line: first the keys a layout uses, in
// the order of the layouts, at the place that uses them (where to look when
// the key is mistyped):
//
//	layouts/posting.html:29: "no.such.key" is missing from layouts/i18n/en.yaml
//
// then, for each language in site order, the others by key:
//
//	layouts/i18n/en.yaml: missing "apply.both"
func checkMessages(langs []string, msgs map[string]*messages, code []string, used map[string]place) error {
	all := map[string]bool{}
	for _, k := range code {
		all[k] = true
	}
	for k := range used {
		all[k] = true
	}
	for _, l := range langs {
		for k := range msgs[l].text {
			all[k] = true
		}
	}
	keys := make([]string, 0, len(all))
	for k := range all {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	var errs []string
	byLayout := slices.SortedFunc(maps.Keys(used), func(a, b string) int { return used[a].compare(used[b]) })
	for _, k := range byLayout {
		var files []string
		for _, l := range langs {
			if _, ok := msgs[l].text[k]; !ok {
				files = append(files, msgs[l].file)
			}
		}
		if len(files) > 0 {
			errs = append(errs, fmt.Sprintf("%s: %q is missing from %s", used[k], k, andList(files)))
		}
	}
	ref := msgs[langs[0]]
	for _, l := range langs {
		m := msgs[l]
		for _, k := range keys {
			t, ok := m.text[k]
			_, inLayout := used[k]
			switch {
			case !ok && !inLayout:
				errs = append(errs, fmt.Sprintf("%s: missing %q", m.file, k))
			case !ok:
				// reported above, at the layout
			case l != langs[0] && !slices.Equal(verbs(t), verbs(ref.text[k])):
				if _, refOK := ref.text[k]; refOK {
					errs = append(errs, fmt.Sprintf("%s: %q: takes %v, but %s takes %v; use the same %%-verbs", m.file, k, verbs(t), ref.file, verbs(ref.text[k])))
				}
			}
		}
	}
	if len(errs) > 0 {
		return errors.New(strings.Join(errs, "\n"))
	}
	return nil
}

// andList joins "a", "a and b", "a, b and c".
func andList(s []string) string {
	if len(s) < 2 {
		return strings.Join(s, "")
	}
	return strings.Join(s[:len(s)-1], ", ") + " and " + s[len(s)-1]
}

// codeKeys are the keys the Go code of this package looks up by a computed
// name (contracts, documents, months...): the layouts' keys are found by
// reading the templates, these are listed here.
func codeKeys() []string {
	keys := []string{
		"contract.duration", "hours.perweek",
		"remote.hybrid", "remote.full",
		"money.symbol", "money.code", "money.range", "number.group", "number.decimal",
		"date", "date.first", "start.asap",
		"expires.on", "expires.none",
		"residence.one", "residence.many",
		"list.sep", "list.and",
		"place.postal", "place.sep",
		"apply.rule.one", "apply.rule.both", "apply.rule.all",
		"apply.attach",
		"apply.strict.docs", "apply.strict.both", "apply.strict.all",
		"apply.strict.both.nodocs", "apply.strict.all.nodocs",
		"apply.link.one", "apply.link.both", "apply.link.all",
		"apply.link.one.nosubject", "apply.link.both.nosubject", "apply.link.all.nosubject",
		"apply.subject", "apply.subject.foreign",
		"apply.copy.address", "apply.copy.addresses", "apply.copy.subject", "apply.copied",
		"apply.body.greeting", "apply.body.attached",
		"switch.list", "apply.heading", "fact.line",
		"fact.contract", "fact.hours", "fact.salary", "fact.place", "fact.remote", "fact.start",
		"fact.deadline", "fact.required", "fact.plus",
	}
	for _, c := range content.Contracts {
		keys = append(keys, "contract."+string(c))
	}
	for _, h := range []string{"full-time", "part-time"} {
		keys = append(keys, "hours."+h)
	}
	for _, b := range []string{"gross", "net"} {
		for _, p := range []string{"year", "month", "hour"} {
			keys = append(keys, "salary."+b+"."+p)
		}
	}
	for m := 1; m <= 12; m++ {
		keys = append(keys, fmt.Sprintf("month.%d", m))
	}
	for _, d := range content.Documents {
		keys = append(keys, "doc."+d, "doc."+d+".mine")
	}
	return keys
}

// text formats the message key of lang with args. It fails, never returns a
// blank: for a key or language it does not know, and for arguments that do
// not fit the pattern.
func (r *Renderer) text(lang, key string, args ...any) (string, error) {
	m := r.msgs[lang]
	if m == nil {
		return "", fmt.Errorf("no interface strings for language %q (layouts/i18n/%s.yaml)", lang, lang)
	}
	pattern, ok := m.text[key]
	if !ok {
		return "", fmt.Errorf("%s: missing %q", m.file, key)
	}
	if len(args) == 0 && !strings.Contains(pattern, "%") {
		return pattern, nil
	}
	s := fmt.Sprintf(pattern, args...)
	if strings.Contains(s, "%!") {
		return "", fmt.Errorf("%s: %q: %q does not fit the arguments %v", m.file, key, pattern, args)
	}
	return s, nil
}

// must is text for the keys of codeKeys, which New checked in every site
// language: a failure is a bug in this package (a key missing from
// codeKeys, or a language the site does not have), so it panics with the
// reason rather than print a blank.
func (r *Renderer) must(lang, key string, args ...any) string {
	s, err := r.text(lang, key, args...)
	if err != nil {
		panic("render: " + err.Error())
	}
	return s
}

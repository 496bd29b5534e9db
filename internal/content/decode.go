package content

import (
	"math"
	"net/url"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"golang.org/x/text/currency"
	"golang.org/x/text/language"

	"github.com/jobboard/jobboard/internal/apply"
	"github.com/jobboard/jobboard/internal/msg"
)

// decoder reads typed values out of front-matter nodes and reports every
// problem with the file, the line of the key and the dotted field name.
type decoder struct {
	file string
	l    *list
}

func (d *decoder) errorf(f *field, path, format string, args ...any) {
	d.l.errorf(d.file, f.line, path, format, args...)
}

// unknown reports every key of n that is not in known, suggesting the
// nearest known key ("did you mean expires?").
func (d *decoder) unknown(n *node, prefix string, known []string, elsewhere map[string]string) {
	for i := range n.keys {
		k := &n.keys[i]
		if slices.Contains(known, k.name) {
			continue
		}
		path := joinKey(prefix, k.name)
		hint := suggest(k.name, known)
		if fr := frenchFields[strings.ToLower(k.name)]; fr != "" && slices.Contains(known, fr) {
			hint = fr
		} else if fr != "" && elsewhere[fr] != "" {
			hint = elsewhere[fr]
		}
		switch {
		case hint != "":
			d.errorf(k, path, "unknown field; did you mean %s?", hint)
		case elsewhere[k.name] != "":
			d.errorf(k, path, "unknown field here; did you mean %s?", elsewhere[k.name])
		default:
			d.errorf(k, path, "unknown field; the fields are: %s", strings.Join(known, ", "))
		}
	}
}

func (d *decoder) scalar(f *field, path string) (*node, bool) {
	switch {
	case f.val.kind != scalarNode:
		d.errorf(f, path, "must be a single value, not %s", f.val.describe())
		return nil, false
	case f.val.tag == "null":
		d.errorf(f, path, "is empty; give a value or remove the line")
		return nil, false
	}
	return f.val, true
}

func (d *decoder) text(f *field, path string) (string, bool) {
	n, ok := d.scalar(f, path)
	if !ok {
		return "", false
	}
	s := strings.TrimSpace(n.value)
	if s == "" {
		d.errorf(f, path, "is empty; give a value or remove the line")
		return "", false
	}
	if strings.ContainsAny(s, "\n\r") {
		d.errorf(f, path, "must be on one line")
		return "", false
	}
	return s, true
}

func (d *decoder) enum(f *field, path string, allowed []string) (string, bool) {
	s, ok := d.text(f, path)
	if !ok {
		return "", false
	}
	if slices.Contains(allowed, s) {
		return s, true
	}
	if fix := wordFix(path, s); fix != "" && slices.Contains(allowed, fix) {
		d.errorf(f, path, msgFixWord, s, lastName(path), fix)
		return "", false
	}
	for _, a := range allowed {
		if strings.EqualFold(a, s) {
			d.errorf(f, path, "%q is not allowed; write %s", s, a)
			return "", false
		}
	}
	if hint := suggest(s, allowed); hint != "" {
		d.errorf(f, path, "%q is not allowed; did you mean %s? (allowed: %s)", s, hint, strings.Join(allowed, ", "))
	} else {
		d.errorf(f, path, "%q is not allowed; use one of: %s", s, strings.Join(allowed, ", "))
	}
	return "", false
}

func (d *decoder) number(f *field, path string) (float64, bool) {
	n, ok := d.scalar(f, path)
	if !ok {
		return 0, false
	}
	if n.tag != "int" && n.tag != "float" {
		if fix := numberFixFor(path, n.value); fix != "" {
			d.errorf(f, path, msgFixNumber, n.value, lastName(path), fix)
			return 0, false
		}
		d.errorf(f, path, "must be a number, like 24000 (no spaces, units or currency), not %s", n.describe())
		return 0, false
	}
	v, err := strconv.ParseFloat(strings.ReplaceAll(n.value, "_", ""), 64)
	if err != nil || math.IsNaN(v) || math.IsInf(v, 0) {
		d.errorf(f, path, "must be a number, not %s", n.describe())
		return 0, false
	}
	return v, true
}

func (d *decoder) integer(f *field, path string) (int, bool) {
	v, ok := d.number(f, path)
	if !ok {
		return 0, false
	}
	if v != math.Trunc(v) || v > 1e6 || v < -1e6 {
		d.errorf(f, path, "must be a whole number, not %s", f.val.describe())
		return 0, false
	}
	return int(v), true
}

func (d *decoder) boolean(f *field, path string) (bool, bool) {
	n, ok := d.scalar(f, path)
	if !ok {
		return false, false
	}
	if n.tag != "bool" {
		switch strings.ToLower(strings.TrimSpace(n.value)) {
		case "oui", "vrai", "yes", "y", "o", "1":
			d.errorf(f, path, "must be true or false, not %s; for yes, write %s: true", n.describe(), lastName(path))
		case "non", "faux", "no", "n", "0":
			d.errorf(f, path, "must be true or false, not %s; for no, write %s: false", n.describe(), lastName(path))
		default:
			d.errorf(f, path, "must be true or false, not %s", n.describe())
		}
		return false, false
	}
	return n.value == "true" || n.value == "True" || n.value == "TRUE", true
}

func (d *decoder) date(f *field, path string) (Date, bool) {
	s, ok := d.text(f, path)
	if !ok {
		return Date{}, false
	}
	if path == "start" && isASAP(s) {
		d.errorf(f, path, msgFixASAP, s)
		return Date{}, false
	}
	if !dateRE.MatchString(s) {
		if fix := dateFix(s); fix != "" {
			d.errorf(f, path, "%q is not a date as jobboard reads them; write it as YYYY-MM-DD: %s", s, fix)
		} else {
			d.errorf(f, path, "%q is not a date; write it as YYYY-MM-DD, like 2025-05-21", s)
		}
		return Date{}, false
	}
	dt, err := ParseDate(s)
	if err != nil {
		d.errorf(f, path, "%s is not a real calendar date", s)
		return Date{}, false
	}
	return dt, true
}

var dateRE = regexp.MustCompile(`^\d{4}-\d{2}-\d{2}$`)

// list accepts a list, or a single value as a list of one.
func (d *decoder) list(f *field, path string) ([]*node, bool) {
	switch {
	case f.val.kind == listNode:
		return f.val.items, true
	case f.val.kind == scalarNode && f.val.tag != "null":
		return []*node{f.val}, true
	}
	d.errorf(f, path, "must be a list, like [a, b], not %s", f.val.describe())
	return nil, false
}

// texts decodes a list of text items, checking each with check (may be nil)
// and refusing duplicates.
func (d *decoder) texts(f *field, path string, check func(string) error) ([]string, bool) {
	items, ok := d.list(f, path)
	if !ok {
		return nil, false
	}
	var out []string
	good := true
	for _, it := range items {
		itf := &field{name: f.name, line: it.line, val: it}
		s, ok := d.text(itf, path)
		if !ok {
			good = false
			continue
		}
		if check != nil {
			if err := check(s); err != nil {
				d.errorf(itf, path, "%s", err)
				good = false
				continue
			}
		}
		if slices.Contains(out, s) {
			d.errorf(itf, path, "%s is listed twice", s)
			good = false
			continue
		}
		out = append(out, s)
	}
	return out, good
}

func (d *decoder) group(f *field, path string) (*node, bool) {
	if f.val.kind != mapNode {
		d.errorf(f, path, "must be a group of fields (%s: {…}), not %s", f.name, f.val.describe())
		return nil, false
	}
	return f.val, true
}

// Value checks shared by several fields.

// invisibleNames names the invisible format characters a text can hold
// unseen: zero-width characters, bidi controls and marks, the byte-order
// mark. Where a text is copied by hand or matched by a machine (an apply
// subject against a mail filter, an address, a place of work) they are
// refused; in titles and summaries, warned about.
var invisibleNames = map[rune]msg.Text{
	0x061c: msg.New("Arabic letter mark"),
	0x200b: msg.New("zero-width space"),
	0x200c: msg.New("zero-width non-joiner"),
	0x200d: msg.New("zero-width joiner"),
	0x200e: msg.New("left-to-right mark"),
	0x200f: msg.New("right-to-left mark"),
	0x202a: msg.New("left-to-right embedding"),
	0x202b: msg.New("right-to-left embedding"),
	0x202c: msg.New("pop directional formatting"),
	0x202d: msg.New("left-to-right override"),
	0x202e: msg.New("right-to-left override"),
	0x2060: msg.New("word joiner"),
	0x2066: msg.New("left-to-right isolate"),
	0x2067: msg.New("right-to-left isolate"),
	0x2068: msg.New("first strong isolate"),
	0x2069: msg.New("pop directional isolate"),
	0xfeff: msg.New("byte-order mark"),
}

// invisible describes the first invisible format character of s
// (invisibleNames): "an invisible character U+200B (zero-width space) at
// position 12", position in characters from 1; the zero Text when s has none.
func invisible(s string) msg.Text {
	pos := 0
	for _, r := range s {
		pos++
		if name, ok := invisibleNames[r]; ok {
			return msg.New("an invisible character %U (%s) at position %d", r, name, pos)
		}
	}
	return msg.Text{}
}

// visible refuses s, the value of f, when it holds an invisible format
// character: a candidate retyping the text, or a filter matching it, would
// not see it. what names the value in the message ("the subject").
func (d *decoder) visible(f *field, path string, what msg.Text, s string) bool {
	if inv := invisible(s); !inv.IsZero() {
		d.errorf(f, path, "contains %s; retype %s without it", inv, what)
		return false
	}
	return true
}

// warnInvisible warns about an invisible format character in s, the value
// of f, a text people read (a title, a summary), where a language may need
// one (a non-joiner in Persian) but a stray one changes how job sites show
// or search the text.
func (d *decoder) warnInvisible(f *field, path, s string) {
	if inv := invisible(s); !inv.IsZero() {
		d.l.warnf(d.file, f.line, path, "contains %s; job sites may show or search the %s differently: retype it without it, unless its language needs it", inv, path)
	}
}

func checkCountry(s string) error {
	if len(s) == 2 {
		up := strings.ToUpper(s)
		if r, err := language.ParseRegion(up); err == nil && r.IsCountry() {
			// x/text also knows codes ISO has withdrawn or reserved (UK, DD,
			// FX); job sites expect the current code.
			if c := r.Canonicalize(); c.String() != up {
				return msg.Errorf("%q is not an ISO 3166-1 country code; write %s", s, c)
			}
			if up != s {
				return msg.Errorf("%q: write country codes in capitals: %s", s, up)
			}
			return nil
		}
	}
	return msg.Errorf("%q is not an ISO 3166-1 country code; use two capital letters, like FR", s)
}

// notMoney are ISO 4217 codes that are not currencies a salary is paid in:
// no currency, testing, precious metals, special drawing rights.
var notMoney = []string{"XXX", "XTS", "XAU", "XAG", "XPT", "XPD", "XDR", "XBA", "XBB", "XBC", "XBD", "XSU", "XUA"}

func checkCurrency(s string) error {
	up := strings.ToUpper(s)
	if len(s) == 3 && !slices.Contains(notMoney, up) {
		if _, err := currency.ParseISO(up); err == nil {
			if up != s {
				return msg.Errorf("%q: write currency codes in capitals: %s", s, up)
			}
			return nil
		}
	}
	return msg.Errorf("%q is not an ISO 4217 currency code; use three capital letters, like EUR", s)
}

func checkLanguageTag(s string) error {
	t, err := language.Parse(s)
	if err != nil || strings.Contains(s, "_") || t == language.Und {
		return msg.Errorf("%q is not a language code; use a BCP 47 code, like fr, en, ar, fa or pt-BR", s)
	}
	if t.String() != s {
		return msg.Errorf("%q: write this language code as %s", s, t.String())
	}
	return nil
}

func checkAbsoluteURL(s string) error {
	u, err := url.Parse(s)
	if err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" {
		return msg.Errorf("%q is not an absolute web address; write it in full, like https://example.org/", s)
	}
	return nil
}

var _ = apply.CheckAddress // addresses and subjects are checked by the apply package, which builds the link

package content

import (
	"bytes"
	"errors"
	"fmt"
	"regexp"
	"strconv"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/jobboard/jobboard/internal/msg"
)

var yamlLineRE = regexp.MustCompile(`^yaml: line (\d+): (.*)$`)

func parseYAML(data []byte, firstLine int) (*node, error) {
	if n, ok := quickYAML(data, firstLine); ok {
		return n, nil
	}
	return parseYAMLv3(data, firstLine)
}

// parseYAMLTabbed is parseYAML for a front matter that may indent lines
// with tabs, which YAML refuses: when it fails and lines start with tabs,
// it parses again with each such tab as width spaces (2, the archetypes'
// indentation, then 4), so that one tab does not hide the other mistakes
// of the file. It returns the lines of those tabs (numbered in the file)
// and the width that parsed; none when the text parsed as it is, or
// failed with every width (err is then the first failure).
func parseYAMLTabbed(data []byte, firstLine int) (fm *node, tabs []int, width int, err error) {
	fm, err = parseYAML(data, firstLine)
	if err == nil {
		return fm, nil, 0, nil
	}
	for n, line := range bytes.Split(data, []byte("\n")) {
		if bytes.HasPrefix(bytes.TrimLeft(line, " "), []byte("\t")) {
			tabs = append(tabs, firstLine+n)
		}
	}
	if tabs == nil {
		return nil, nil, 0, err
	}
	for _, w := range []int{2, 4} {
		if n, err2 := parseYAML(untab(data, w), firstLine); err2 == nil {
			return n, tabs, w, nil
		}
	}
	return nil, nil, 0, err
}

// untab replaces each tab of the indentation of data's lines by width spaces.
func untab(data []byte, width int) []byte {
	lines := bytes.Split(data, []byte("\n"))
	spaces := bytes.Repeat([]byte(" "), width)
	for i, line := range lines {
		body := bytes.TrimLeft(line, " \t")
		indent := line[:len(line)-len(body)]
		lines[i] = append(bytes.ReplaceAll(indent, []byte("\t"), spaces), body...)
	}
	return bytes.Join(lines, []byte("\n"))
}

// parseYAMLv3 is parseYAML by yaml.v3, for any YAML.
func parseYAMLv3(data []byte, firstLine int) (*node, error) {
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		line, yamlMsg := locateYAMLError(data, err)
		return nil, &positionedError{line: firstLine + line - 1, msg: msg.New("this front matter is not valid YAML: %s", explainYAML(yamlMsg, lineOf(data, line)))}
	}
	if len(doc.Content) == 0 {
		return nil, nil
	}
	if a := unusedAnchor(doc.Content[0]); a != nil {
		m := refValueRE.FindSubmatch(lineOf(data, a.Line))
		if m != nil {
			return nil, &positionedError{line: firstLine + a.Line - 1, msg: msg.New("this front matter is not valid YAML: %s", msg.New(msgYAMLAmpersand, strconv.Quote(string(m[1]))))}
		}
	}
	c := yamlConverter{offset: firstLine - 1, active: map[*yaml.Node]bool{}}
	return c.convert(doc.Content[0], 0)
}

// unusedAnchor is the first text value of root that starts with an anchor
// no alias refers to, or nil: "subject: &urgent candidature" reads as the
// subject "candidature", named urgent, which is surely not what was meant.
func unusedAnchor(root *yaml.Node) *yaml.Node {
	var anchored []*yaml.Node
	used := map[*yaml.Node]bool{}
	var walk func(y *yaml.Node)
	walk = func(y *yaml.Node) {
		if y.Kind == yaml.AliasNode {
			used[y.Alias] = true
			return
		}
		if y.Kind == yaml.ScalarNode && y.Anchor != "" {
			anchored = append(anchored, y)
		}
		for _, c := range y.Content {
			walk(c)
		}
	}
	walk(root)
	for _, y := range anchored {
		if !used[y] {
			return y
		}
	}
	return nil
}

// yamlError splits a yaml.v3 error into its line (0 when it gives none)
// and its message.
func yamlError(err error) (int, string) {
	msg := err.Error()
	if m := yamlLineRE.FindStringSubmatch(msg); m != nil {
		n, _ := strconv.Atoi(m[1])
		return n, m[2]
	}
	return 0, strings.TrimPrefix(msg, "yaml: ")
}

// locateYAMLError returns the line (1-based, in data) and the message of a
// YAML syntax error. yaml.v3's own line is unreliable: parser errors give a
// 0-based line, or none on the first line, and often the line where the
// enclosing mapping starts. So the error is placed on the first line
// whose prefix of the text fails the same way. A quote left open swallows
// the lines after it and fails further down: it is blamed on its own line.
func locateYAMLError(data []byte, err error) (int, string) {
	yline, msg := yamlError(err)
	// Re-parsing every prefix is quadratic: fine for a front matter (tens
	// of lines), not for a pasted novel.
	if len(data) > 24<<10 || bytes.Count(data, []byte("\n")) > 300 {
		return max(yline, 1), msg
	}
	openQuote := 0 // first line of a run of prefixes ending inside a quoted value
	var scratch yaml.Node
	for k, end := 1, 0; end < len(data); k++ {
		if i := bytes.IndexByte(data[end:], '\n'); i >= 0 {
			end += i + 1
		} else {
			end = len(data)
		}
		perr := yaml.Unmarshal(data[:end], &scratch)
		if perr == nil {
			openQuote = 0
			continue
		}
		_, pmsg := yamlError(perr)
		switch {
		case pmsg == msg && openQuote > 0 && msg != "found unexpected end of stream":
			return openQuote, msgYAMLUnclosed
		case pmsg == msg && msg == "found unexpected end of stream" && opensQuote(lineOf(data, k)):
			return k, msgYAMLUnclosed
		case pmsg == msg:
			return k, msg
		case pmsg == "found unexpected end of stream" && openQuote == 0:
			openQuote = k
		}
	}
	return max(yline, 1), msg
}

// A yamlConverter turns yaml.v3's nodes into ours, expanding aliases: its
// budget also bounds what they expand to, as a few nested aliases can
// otherwise stand for billions of values.
type yamlConverter struct {
	offset int
	budget budget
	active map[*yaml.Node]bool // anchors being expanded, to catch an alias inside its own anchor
}

func (c *yamlConverter) convert(y *yaml.Node, depth int) (*node, error) {
	n := &node{line: y.Line + c.offset}
	if err := c.budget.take(n.line, depth); err != nil {
		return nil, err
	}
	switch y.Kind {
	case yaml.AliasNode:
		if y.Alias == nil || c.active[y.Alias] {
			return nil, &positionedError{line: n.line, msg: msg.New("the alias *%s refers to the value that contains it", y.Value)}
		}
		c.active[y.Alias] = true
		defer delete(c.active, y.Alias)
		if c.budget.alias == 0 {
			c.budget.alias = n.line
			defer func() { c.budget.alias = 0 }()
		}
		c.budget.nodes-- // the alias stands for its value, counted next
		a, err := c.convert(y.Alias, depth)
		if err != nil {
			return nil, err
		}
		// The value is used here: point at the alias, not at the anchor.
		cp := *a
		cp.line = n.line
		return &cp, nil
	case yaml.ScalarNode:
		n.kind = scalarNode
		n.value = y.Value
		n.tag = strings.TrimPrefix(y.ShortTag(), "!!")
		if y.Style&(yaml.DoubleQuotedStyle|yaml.SingleQuotedStyle) != 0 {
			n.tag = "str"
		}
	case yaml.SequenceNode:
		n.kind = listNode
		if y.Anchor != "" {
			c.active[y] = true
			defer delete(c.active, y)
		}
		for _, it := range y.Content {
			v, err := c.convert(it, depth+1)
			if err != nil {
				return nil, err
			}
			n.items = append(n.items, v)
		}
	case yaml.MappingNode:
		n.kind = mapNode
		if y.Anchor != "" {
			c.active[y] = true
			defer delete(c.active, y)
		}
		var keys keySet
		for i := 0; i+1 < len(y.Content); i += 2 {
			k, v := y.Content[i], y.Content[i+1]
			if k.Kind != yaml.ScalarNode {
				return nil, &positionedError{line: k.Line + c.offset, msg: msg.New("a field name must be a plain word, like title")}
			}
			if prev := keys.find(n, k.Value); prev != nil {
				return nil, &positionedError{line: k.Line + c.offset, msg: msg.New("%s: given twice (first on line %d); keep one", k.Value, prev.line)}
			}
			val, err := c.convert(v, depth+1)
			if err != nil {
				return nil, err
			}
			keys.add(n, field{name: k.Value, line: k.Line + c.offset, val: val})
		}
	default:
		return nil, &positionedError{line: n.line, msg: msg.New("unexpected YAML")}
	}
	return n, nil
}

// Messages of the YAML mistakes explained from the line itself, in one
// place so that they can be translated.
const (
	// the value in double quotes, the value with the apostrophe doubled
	msgYAMLApostrophe = "a value in single quotes ends at its next apostrophe; write it in double quotes (%s) or double the apostrophe (%s)"
	// the value in quotes
	msgYAMLAmpersand = "a value cannot start with & or * (YAML keeps them for references); put it in quotes: %s"
	// the tab's line
	msgYAMLTab      = "this front matter is not valid YAML: indent with spaces, not tabs: replace the tab at the start of this line with spaces (the rest of the file was checked as if it were %d spaces)"
	msgYAMLOther    = "this line is not written as YAML expects; check its indentation, quotes and colons against the lines above"
	msgYAMLUnclosed = "the quoted value that starts on this line is never closed; add the closing quote"
)

// singleQuotedRE finds a value in single quotes that holds an apostrophe:
// key: 'Candidature d'éducateur'.
var singleQuotedRE = regexp.MustCompile(`^\s*(?:- |[\w.-]+:\s+)'(.*'.*)'\s*(?:#.*)?$`)

// refValueRE finds a value that starts with & or * followed by a space or
// a character no anchor name has: key: & Co, title: * Médiateur.
var refValueRE = regexp.MustCompile(`^\s*(?:- |[\w.-]+:\s+)([&*].*?)\s*$`)

// explainLine explains a YAML error from what its line holds, or is the
// zero Text.
func explainLine(yamlMsg string, line []byte) msg.Text {
	if m := singleQuotedRE.FindSubmatch(line); m != nil && strings.HasPrefix(yamlMsg, "did not find") {
		inner := string(m[1])
		if !strings.Contains(inner, "''") {
			return msg.New(msgYAMLApostrophe, `"`+strings.ReplaceAll(inner, `"`, `\"`)+`"`, "'"+strings.ReplaceAll(inner, "'", "''")+"'")
		}
	}
	reference := yamlMsg == "did not find expected alphabetic or numeric character" || strings.HasPrefix(yamlMsg, "unknown anchor")
	if m := refValueRE.FindSubmatch(line); m != nil && reference {
		return msg.New(msgYAMLAmpersand, strconv.Quote(string(m[1])))
	}
	return msg.Text{}
}

// opensQuote says whether line holds a value whose quote it does not
// close: subject: "Candidature (a quote left open swallows the rest of
// the file, and yaml.v3 says only "found unexpected end of stream").
func opensQuote(line []byte) bool {
	_, v, ok := bytes.Cut(line, []byte(": "))
	if !ok {
		v, ok = bytes.CutPrefix(bytes.TrimLeft(line, " "), []byte("- "))
	}
	v = bytes.TrimSpace(v)
	if !ok || len(v) == 0 || (v[0] != '"' && v[0] != '\'') {
		return false
	}
	q := v[0]
	rest := bytes.ReplaceAll(v[1:], []byte{'\\', q}, nil)
	if q == '\'' {
		rest = bytes.ReplaceAll(v[1:], []byte("''"), nil)
	}
	return bytes.IndexByte(rest, q) < 0
}

// parseYAMLAll is parseYAMLTabbed that goes on after an error on a line
// "key: value" whose value YAML cannot read, most often for a colon in it
// (French puts a space before one, and ": " starts a value): it reports
// the error, reads that value as the text written, and parses again, so
// that the file's other mistakes are reported in the same run (its
// decoding goes on, and the error already reported keeps the file from
// being built). It stops at the first error that is not on such a line
// (the line, read alone, must fail too: YAML may name a line after the
// one at fault), which it returns.
func parseYAMLAll(data []byte, firstLine int, report func(line int, m msg.Text)) (*node, error) {
	tabbed := map[int]bool{} // the lines reported for their tab, once
	parse := func() (*node, error) {
		fm, tabs, width, err := parseYAMLTabbed(data, firstLine)
		for _, line := range tabs {
			if !tabbed[line] {
				tabbed[line] = true
				report(line, msg.New(msgYAMLTab, width))
			}
		}
		return fm, err
	}
	fm, err := parse()
	done := map[int]bool{}
	for err != nil && len(done) < maxRepairs {
		var pe *positionedError
		if !errors.As(err, &pe) {
			break
		}
		if done[pe.line] {
			return nil, errReported // reading it as text did not mend it
		}
		fixed, ok := quoteValue(data, pe.line-firstLine)
		if !ok {
			break
		}
		report(pe.line, pe.msg)
		done[pe.line], data = true, fixed
		fm, err = parse()
	}
	return fm, err
}

// errReported is the error of a front matter whose error is reported
// already.
var errReported = errors.New("reported")

// maxRepairs bounds the values parseYAMLAll reads as text in one file,
// each at the cost of a parse of the whole front matter.
const maxRepairs = 20

// keyValueRE is a line "key: value" of a map or of a list item, with a
// plain value (not quoted, not a block or a flow).
var keyValueRE = regexp.MustCompile(`^([ \t]*(?:- )?[A-Za-z_][A-Za-z0-9_.-]*:)[ \t]+([^ \t"'\[\]{}|>&*!%@#].*)$`)

// quoteValue is data with the value of its line i (counted from 0) in
// double quotes, as written but for a comment at its end, when that line
// is "key: value" and YAML cannot read it alone. The lines that continue
// the value (more indented, not a field or an item of their own) are
// joined to it, as YAML would, and left empty.
func quoteValue(data []byte, i int) ([]byte, bool) {
	lines := bytes.Split(data, []byte("\n"))
	if i < 0 || i >= len(lines) {
		return nil, false
	}
	line := bytes.TrimRight(lines[i], "\r")
	m := keyValueRE.FindSubmatch(line)
	if m == nil {
		return nil, false
	}
	if _, err := parseYAMLv3(bytes.TrimLeft(line, " \t-"), 1); err == nil {
		return nil, false // the line reads alone: the fault is elsewhere
	}
	value := strings.TrimSpace(string(valueOf(m[2])))
	indent := len(line) - len(bytes.TrimLeft(line, " \t"))
	for j := i + 1; j < len(lines); j++ {
		next := bytes.TrimRight(lines[j], "\r")
		text := bytes.TrimLeft(next, " \t")
		if len(text) == 0 || len(next)-len(text) <= indent || text[0] == '#' ||
			bytes.HasPrefix(text, []byte("- ")) || keyValueRE.Match(text) || bytes.HasSuffix(text, []byte(":")) {
			break
		}
		value += " " + strings.TrimSpace(string(valueOf(text)))
		lines[j] = nil
	}
	lines[i] = fmt.Appendf(nil, "%s %s", m[1], strconv.Quote(value))
	return bytes.Join(lines, []byte("\n")), true
}

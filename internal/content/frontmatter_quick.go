package content

import (
	"strings"
	"unicode/utf8"

	"gopkg.in/yaml.v3"
)

// quickYAML parses the YAML that front matters are made of into the nodes
// parseYAML gives, without yaml.v3: block mappings and sequences, flow
// mappings and sequences written on one line, plain scalars and quoted
// ones without escapes, and comments. Anything else (ok false: an anchor,
// a block scalar, an escape, a value on several lines, a mistake) is left
// to yaml.v3, which also gives the messages. Parsing 20,000 front matters
// with yaml.v3 was a fifth of the CPU of a rebuild at 10,000 postings;
// this takes a third of yaml.v3's time and a quarter of its allocations
// (BenchmarkFrontMatterYAML). FuzzQuickYAML checks that whatever it takes
// gives what yaml.v3 gives.
//
// Scalars get their tag from yaml.v3's own rules (Node.ShortTag), so that
// "2025-05-21", "no" or "0x1F" mean what they mean to yaml.v3.
func quickYAML(data []byte, firstLine int) (n *node, ok bool) {
	if len(data) > 64<<10 || !quickText(data) {
		return nil, false
	}
	q := quickParser{offset: firstLine - 1}
	for i, line := range strings.Split(string(data), "\n") {
		content := strings.TrimLeft(line, " ")
		if content == "" || content[0] == '#' {
			continue
		}
		if strings.HasPrefix(line, "---") || strings.HasPrefix(line, "...") || line[0] == '%' {
			return nil, false // a document marker or directive
		}
		q.lines = append(q.lines, quickLine{no: i + 1, indent: len(line) - len(content), text: strings.TrimRight(content, " ")})
	}
	if len(q.lines) == 0 || q.lines[0].indent != 0 {
		return nil, false
	}
	root, next, ok := q.blockMap(0, 0)
	if !ok || next != len(q.lines) || q.nodes > 1000 {
		return nil, false
	}
	return root, true
}

// quickText reports whether data is valid UTF-8 made of printable
// characters and line feeds only: no tab, carriage return, control
// character or byte order mark, nor a character YAML reads as a line
// break (NEL, U+2028, U+2029).
func quickText(data []byte) bool {
	for len(data) > 0 {
		c := data[0]
		if c < utf8.RuneSelf {
			if c < 0x20 && c != '\n' || c == 0x7f {
				return false
			}
			data = data[1:]
			continue
		}
		r, size := utf8.DecodeRune(data)
		if r == utf8.RuneError || r <= 0x9f || r == 0x2028 || r == 0x2029 || r == 0xfeff || r >= 0xfffe && r <= 0xffff {
			return false
		}
		data = data[size:]
	}
	return true
}

type quickLine struct {
	no     int    // 1-based, in the front matter
	indent int    // spaces before the text
	text   string // without the indentation and trailing spaces
}

type quickParser struct {
	lines  []quickLine // the lines that are not blank or comments
	offset int         // added to a line number to place it in the file
	nodes  int
	depth  int // groups and lists being read, inside one another
}

func (q *quickParser) node(kind nodeKind, no int) *node {
	q.nodes++
	return &node{kind: kind, line: no + q.offset}
}

// enter counts a level of nesting and says whether the values of the group
// or list entered are within maxDepth: those deeper are left to yaml.v3,
// and its converter's message (a group at depth q.depth-1 holds values at
// q.depth).
func (q *quickParser) enter() bool {
	q.depth++
	return q.depth <= maxDepth
}

// blockMap parses the mapping whose keys are the lines from i at indent.
func (q *quickParser) blockMap(i, indent int) (*node, int, bool) {
	defer func() { q.depth-- }()
	if !q.enter() {
		return nil, 0, false
	}
	m := q.node(mapNode, q.lines[i].no)
	for i < len(q.lines) && q.lines[i].indent >= indent {
		l := q.lines[i]
		if l.indent != indent {
			return nil, 0, false
		}
		key, rest, ok := quickKey(l.text)
		if !ok || m.get(key) != nil {
			return nil, 0, false
		}
		rest, ok = withoutComment(rest)
		if !ok {
			return nil, 0, false
		}
		var val *node
		i++
		if rest == "" {
			// The value is on the lines below, further in.
			if i == len(q.lines) || q.lines[i].indent <= indent {
				return nil, 0, false // null: left to yaml.v3
			}
			if t := q.lines[i].text; t == "-" || strings.HasPrefix(t, "- ") {
				val, i, ok = q.blockSeq(i, q.lines[i].indent)
			} else {
				val, i, ok = q.blockMap(i, q.lines[i].indent)
			}
		} else {
			val, ok = q.inline(rest, l.no)
		}
		if !ok {
			return nil, 0, false
		}
		m.keys = append(m.keys, field{name: key, line: l.no + q.offset, val: val})
	}
	return m, i, true
}

// blockSeq parses the sequence whose items are the lines from i at
// indent, each "- " and a scalar or flow collection.
func (q *quickParser) blockSeq(i, indent int) (*node, int, bool) {
	defer func() { q.depth-- }()
	if !q.enter() {
		return nil, 0, false
	}
	s := q.node(listNode, q.lines[i].no)
	for i < len(q.lines) && q.lines[i].indent >= indent {
		l := q.lines[i]
		if l.indent != indent || !strings.HasPrefix(l.text, "- ") {
			return nil, 0, false
		}
		rest, ok := withoutComment(strings.TrimLeft(l.text[2:], " "))
		if !ok || rest == "" || rest[0] == '-' {
			return nil, 0, false
		}
		if _, _, isKey := quickKey(rest); isKey {
			return nil, 0, false // a mapping in the sequence
		}
		item, ok := q.inline(rest, l.no)
		if !ok {
			return nil, 0, false
		}
		s.items = append(s.items, item)
		i++
	}
	return s, i, true
}

// quickKey splits "key: rest" (or "key:"), for a key of at most 128
// letters, digits, '_', '-' and '.' that starts with a letter, digit or
// '_'.
func quickKey(text string) (key, rest string, ok bool) {
	j := 0
	for j < len(text) && isKeyByte(text[j], j == 0) {
		j++
	}
	if j == 0 || j > 128 || j == len(text) || text[j] != ':' { // YAML allows keys of up to 1,024 characters
		return "", "", false
	}
	if j+1 < len(text) && text[j+1] != ' ' {
		return "", "", false
	}
	return text[:j], strings.TrimLeft(text[j+1:], " "), true
}

func isKeyByte(c byte, first bool) bool {
	switch {
	case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z', '0' <= c && c <= '9', c == '_':
		return true
	case c == '-' || c == '.':
		return !first
	}
	return false
}

// withoutComment cuts a comment off the end of an inline value: " #" out
// of quotes (a '#' in a quoted scalar is kept). ok is false for a value
// the quick parser does not cut with confidence.
func withoutComment(s string) (string, bool) {
	if s == "" || s[0] == '#' {
		return "", true
	}
	quote := byte(0)
	for j := 0; j < len(s); j++ {
		c := s[j]
		switch {
		case quote != 0:
			if c == quote {
				quote = 0
			}
		case c == '"' || c == '\'':
			if j == 0 || s[j-1] == ' ' || s[j-1] == '[' || s[j-1] == '{' || s[j-1] == ',' {
				quote = c
			}
		case c == '#' && s[j-1] == ' ':
			return strings.TrimRight(s[:j], " "), true
		}
	}
	if quote != 0 {
		return "", false
	}
	return s, true
}

// inline parses a value written on its line, s (no comment, trimmed).
func (q *quickParser) inline(s string, no int) (*node, bool) {
	switch s[0] {
	case '[', '{':
		n, rest, ok := q.flow(s, no)
		if !ok || rest != "" {
			return nil, false
		}
		return n, true
	case '"', '\'':
		v, rest, ok := quoted(s)
		if !ok || rest != "" {
			return nil, false
		}
		return q.scalar(v, "str", no), true
	}
	if !plainStart(s) || strings.Contains(s, ": ") || strings.HasSuffix(s, ":") || strings.Contains(s, " #") {
		return nil, false
	}
	return q.scalar(s, "", no), true
}

func (q *quickParser) scalar(v, tag string, no int) *node {
	n := q.node(scalarNode, no)
	n.value = v
	if tag == "" {
		y := yaml.Node{Kind: yaml.ScalarNode, Value: v}
		tag = strings.TrimPrefix(y.ShortTag(), "!!")
	}
	n.tag = tag
	return n
}

// plainStart reports whether s may start a plain scalar: not with an
// indicator, nor "-", "?" or ":" followed by a space.
func plainStart(s string) bool {
	switch s[0] {
	case ',', '[', ']', '{', '}', '#', '&', '*', '!', '|', '>', '\'', '"', '%', '@', '`':
		return false
	case '-', '?', ':':
		return len(s) > 1 && s[1] != ' '
	}
	return true
}

// quoted reads a quoted scalar at the start of s: a double-quoted one
// without a backslash, a single-quoted one without a doubled quote.
func quoted(s string) (value, rest string, ok bool) {
	end := strings.IndexByte(s[1:], s[0])
	if end < 0 {
		return "", "", false
	}
	value, rest = s[1:1+end], s[2+end:]
	if s[0] == '"' && strings.IndexByte(value, '\\') >= 0 || s[0] == '\'' && strings.HasPrefix(rest, "'") {
		return "", "", false
	}
	return value, strings.TrimLeft(rest, " "), true
}

// flow reads a flow sequence or mapping at the start of s, ended on the
// same line, and returns what follows it, trimmed.
func (q *quickParser) flow(s string, no int) (*node, string, bool) {
	open, closing := s[0], byte(']')
	kind := listNode
	if open == '{' {
		kind, closing = mapNode, '}'
	}
	defer func() { q.depth-- }()
	if !q.enter() {
		return nil, "", false
	}
	n := q.node(kind, no)
	s = strings.TrimLeft(s[1:], " ")
	if s != "" && s[0] == closing {
		return n, strings.TrimLeft(s[1:], " "), true
	}
	for {
		if s == "" {
			return nil, "", false // not closed on its line
		}
		var key string
		if kind == mapNode {
			k, rest, ok := quickKey(s)
			if !ok || rest == "" || n.get(k) != nil {
				return nil, "", false
			}
			key, s = k, rest
		}
		var item *node
		switch s[0] {
		case '[', '{':
			var ok bool
			if item, s, ok = q.flow(s, no); !ok {
				return nil, "", false
			}
		case '"', '\'':
			v, rest, ok := quoted(s)
			if !ok {
				return nil, "", false
			}
			item, s = q.scalar(v, "str", no), rest
		default:
			end := strings.IndexAny(s, ",]}")
			if end <= 0 {
				return nil, "", false
			}
			v := strings.TrimRight(s[:end], " ")
			if !plainStart(v) || strings.ContainsAny(v, "#:[{?") {
				return nil, "", false
			}
			item, s = q.scalar(v, "", no), s[end:]
		}
		if kind == mapNode {
			n.keys = append(n.keys, field{name: key, line: no + q.offset, val: item})
		} else {
			n.items = append(n.items, item)
		}
		switch {
		case s != "" && s[0] == closing:
			return n, strings.TrimLeft(s[1:], " "), true
		case s != "" && s[0] == ',':
			s = strings.TrimLeft(s[1:], " ")
			if s == "" || s[0] == ',' || s[0] == ']' || s[0] == '}' {
				return nil, "", false
			}
		default:
			return nil, "", false
		}
	}
}

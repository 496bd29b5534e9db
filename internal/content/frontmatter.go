package content

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/BurntSushi/toml"
	"github.com/adrg/frontmatter"
	"gopkg.in/yaml.v3"
)

// node is a front-matter value with the line it was written on, whatever
// the format (YAML, TOML or JSON), so every message can point at its line.
type node struct {
	line  int
	kind  nodeKind
	value string // scalar text as written ("05100" keeps its zero)
	tag   string // for scalars: "str", "int", "float", "bool", "null", "timestamp"
	keys  []field
	items []*node
}

type nodeKind int

const (
	scalarNode nodeKind = iota
	mapNode
	listNode
)

type field struct {
	name string
	line int
	val  *node
}

func (n *node) get(name string) *field {
	if n == nil || n.kind != mapNode {
		return nil
	}
	for i := range n.keys {
		if n.keys[i].name == name {
			return &n.keys[i]
		}
	}
	return nil
}

// describe is how a value is named in messages: its text, or its shape.
func (n *node) describe() string {
	switch n.kind {
	case mapNode:
		return "a group of fields"
	case listNode:
		return "a list"
	}
	if n.tag == "null" {
		return "nothing"
	}
	return strconv.Quote(n.value)
}

// canonical renders a value so two files can be compared for drift.
func (n *node) canonical() string {
	switch n.kind {
	case mapNode:
		parts := make([]string, 0, len(n.keys))
		for _, k := range n.keys {
			parts = append(parts, k.name+": "+k.val.canonical())
		}
		slices.Sort(parts)
		return "{" + strings.Join(parts, ", ") + "}"
	case listNode:
		parts := make([]string, len(n.items))
		for i, it := range n.items {
			parts[i] = it.canonical()
		}
		return "[" + strings.Join(parts, ", ") + "]"
	}
	if n.tag == "bool" { // YAML's True and TOML's true are the same fact
		return strings.ToLower(n.value)
	}
	if n.tag == "int" || n.tag == "float" {
		if f, err := strconv.ParseFloat(strings.ReplaceAll(n.value, "_", ""), 64); err == nil {
			return strconv.FormatFloat(f, 'g', -1, 64)
		}
	}
	return n.value
}

// document is a content file split into its front matter and its body.
type document struct {
	format   string // "yaml", "toml" or "json"
	fm       *node  // nil when the front matter could not be read
	body     []byte
	bodyLine int
}

// capture receives the raw front matter from adrg/frontmatter: we decode it
// ourselves to keep line numbers.
type capture struct {
	format string
	data   []byte
}

func captureAs(format string) frontmatter.UnmarshalFunc {
	return func(data []byte, v any) error {
		c := v.(*capture)
		c.format = format
		c.data = data
		return nil
	}
}

func frontMatterFormats() []*frontmatter.Format {
	return []*frontmatter.Format{
		frontmatter.NewFormat("---", "---", captureAs("yaml")),
		frontmatter.NewFormat("---yaml", "---", captureAs("yaml")),
		frontmatter.NewFormat("+++", "+++", captureAs("toml")),
		frontmatter.NewFormat("---toml", "---", captureAs("toml")),
		frontmatter.NewFormat(";;;", ";;;", captureAs("json")),
		frontmatter.NewFormat("---json", "---", captureAs("json")),
		{Start: "{", End: "}", Unmarshal: captureAs("json"), UnmarshalDelims: true, RequiresNewLine: true},
	}
}

var formats = frontMatterFormats()

var utf8BOM = []byte("\ufeff")

// splitDocument separates front matter and body, and parses the front
// matter into nodes. Problems go to l against file.
func splitDocument(file string, data []byte, l *list) (document, bool) {
	// Windows editors (Notepad) start UTF-8 files with a byte-order mark,
	// which would hide the opening "---" from the front-matter reader.
	data = bytes.TrimPrefix(data, utf8BOM)
	open, openLine := firstLine(data)
	if open == "" {
		l.errorf(file, 1, "", "the file is empty: it needs front matter (a line \"---\", the fields, a line \"---\") and then the text")
		return document{}, false
	}
	if line, msg := badText(data, 1); line > 0 {
		// Caught here rather than by the YAML reader, which would not say where.
		l.errorf(file, line, "", "%s", msg)
		return document{}, false
	}
	var c capture
	rest, err := frontmatter.MustParse(bytes.NewReader(data), &c, formats...)
	if err != nil {
		if errors.Is(err, frontmatter.ErrNotFound) {
			switch open {
			case "---", "---yaml", "+++", "---toml", ";;;", "---json":
				end := open
				if strings.HasPrefix(open, "---") {
					end = "---"
				}
				l.errorf(file, openLine, "", "the front matter that starts here is never closed: add a line %q after the last field", end)
			case "{":
				l.errorf(file, openLine, "", "the JSON front matter that starts here is never closed: add a line \"}\" followed by an empty line")
			default:
				l.errorf(file, openLine, "", "no front matter: the file must start with a line \"---\", then its fields (title: …), then a line \"---\"")
			}
			return document{}, false
		}
		l.errorf(file, 0, "", "cannot read: %v", err)
		return document{}, false
	}
	bodyStart := len(data) - len(rest)
	doc := document{
		format:   c.format,
		body:     rest,
		bodyLine: bytes.Count(data[:bodyStart], []byte("\n")) + 1,
	}
	fmLine := openLine + 1
	if open == "{" { // the braces belong to the JSON
		fmLine = openLine
	}
	var fm *node
	switch c.format {
	case "toml":
		fm, err = parseTOML(c.data, fmLine)
	case "json":
		fm, err = parseJSON(c.data, fmLine)
	default:
		fm, err = parseYAML(c.data, fmLine)
	}
	if err != nil {
		var pe *positionedError
		if errors.As(err, &pe) {
			l.errorf(file, pe.line, "", "%s", pe.msg)
		} else {
			l.errorf(file, fmLine, "", "%v", err)
		}
		return doc, false
	}
	if fm == nil { // empty front matter
		fm = &node{kind: mapNode, line: fmLine}
	}
	if fm.kind != mapNode {
		l.errorf(file, fm.line, "", "the front matter must be a list of fields (name: value), not %s", fm.describe())
		return doc, false
	}
	doc.fm = fm
	return doc, true
}

// badText finds the first line that is not valid UTF-8 or holds a control
// character YAML, TOML and JSON all refuse (anything below space but tab,
// line feed and carriage return; DEL; C1 controls but NEL), and says what
// is wrong with it. It returns 0 when the text is clean.
func badText(data []byte, firstLine int) (int, string) {
	line := firstLine
	for i := 0; i < len(data); {
		c := data[i]
		if c < utf8.RuneSelf {
			switch {
			case c == '\n':
				line++
			case c == '\t' || c == '\r':
			case c < 0x20 || c == 0x7f:
				return line, fmt.Sprintf("this line contains an invisible control character (%U); remove it", rune(c))
			}
			i++
			continue
		}
		r, size := utf8.DecodeRune(data[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			return line, "this line is not valid UTF-8 text; save the file as UTF-8 (Unicode)"
		case r >= 0x80 && r < 0xa0 && r != 0x85, r == 0xfffe, r == 0xffff:
			return line, fmt.Sprintf("this line contains an invisible control character (%U); remove it", r)
		}
		i += size
	}
	return 0, ""
}

// firstLine returns the first non-blank line, trimmed, and its number, as
// adrg/frontmatter looks for the opening delimiter.
func firstLine(data []byte) (string, int) {
	n := 0
	for len(data) > 0 {
		n++
		line := data
		if i := bytes.IndexByte(data, '\n'); i >= 0 {
			line, data = data[:i], data[i+1:]
		} else {
			data = nil
		}
		if t := bytes.TrimSpace(line); len(t) > 0 {
			return string(t), n
		}
	}
	return "", 1
}

type positionedError struct {
	line int
	msg  string
}

func (e *positionedError) Error() string { return fmt.Sprintf("line %d: %s", e.line, e.msg) }

var yamlLineRE = regexp.MustCompile(`^yaml: line (\d+): (.*)$`)

func parseYAML(data []byte, firstLine int) (*node, error) {
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		line, msg := locateYAMLError(data, err)
		return nil, &positionedError{line: firstLine + line - 1, msg: "this front matter is not valid YAML: " + explainYAML(msg, lineOf(data, line))}
	}
	if len(doc.Content) == 0 {
		return nil, nil
	}
	c := yamlConverter{offset: firstLine - 1, budget: maxNodes, active: map[*yaml.Node]bool{}}
	return c.convert(doc.Content[0])
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
			return openQuote, "the quoted value that starts on this line is never closed; add the closing quote"
		case pmsg == msg:
			return k, msg
		case pmsg == "found unexpected end of stream" && openQuote == 0:
			openQuote = k
		}
	}
	return max(yline, 1), msg
}

// maxNodes bounds the size of a front matter once YAML aliases are
// expanded: a few nested aliases can otherwise stand for billions of values.
const maxNodes = 100_000

type yamlConverter struct {
	offset int
	budget int
	active map[*yaml.Node]bool // anchors being expanded, to catch an alias inside its own anchor
	alias  int                 // line of the outermost alias being expanded, 0 when none
}

func (c *yamlConverter) convert(y *yaml.Node) (*node, error) {
	if c.budget--; c.budget < 0 {
		line := y.Line + c.offset
		if c.alias > 0 {
			line = c.alias
		}
		return nil, &positionedError{line: line, msg: "this front matter is too large once its aliases (*name) are expanded; write the values out"}
	}
	n := &node{line: y.Line + c.offset}
	switch y.Kind {
	case yaml.AliasNode:
		if y.Alias == nil || c.active[y.Alias] {
			return nil, &positionedError{line: n.line, msg: fmt.Sprintf("the alias *%s refers to the value that contains it", y.Value)}
		}
		c.active[y.Alias] = true
		defer delete(c.active, y.Alias)
		if c.alias == 0 {
			c.alias = n.line
			defer func() { c.alias = 0 }()
		}
		a, err := c.convert(y.Alias)
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
			v, err := c.convert(it)
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
		for i := 0; i+1 < len(y.Content); i += 2 {
			k, v := y.Content[i], y.Content[i+1]
			if k.Kind != yaml.ScalarNode {
				return nil, &positionedError{line: k.Line + c.offset, msg: "a field name must be a plain word, like title"}
			}
			if prev := n.get(k.Value); prev != nil {
				return nil, &positionedError{line: k.Line + c.offset, msg: fmt.Sprintf("%s: given twice (first on line %d); keep one", k.Value, prev.line)}
			}
			val, err := c.convert(v)
			if err != nil {
				return nil, err
			}
			n.keys = append(n.keys, field{name: k.Value, line: k.Line + c.offset, val: val})
		}
	default:
		return nil, &positionedError{line: n.line, msg: "unexpected YAML"}
	}
	return n, nil
}

// parseJSON decodes JSON token by token, which keeps the line of every key
// and JSON's own rules (yaml.v3 reads most JSON, but not escapes like \/).
func parseJSON(data []byte, firstLine int) (*node, error) {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	// Offsets only grow: count lines incrementally.
	lastOff, lastLine := 0, firstLine
	lineAt := func(off int64) int {
		o := min(max(int(off), 0), len(data))
		if o < lastOff {
			return firstLine + bytes.Count(data[:o], []byte("\n"))
		}
		lastLine += bytes.Count(data[lastOff:o], []byte("\n"))
		lastOff = o
		return lastLine
	}
	fail := func(err error) error {
		off := dec.InputOffset()
		var se *json.SyntaxError
		if errors.As(err, &se) {
			off = se.Offset
		}
		msg := err.Error()
		if errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) {
			msg = "it ends too early (a } or ] is missing)"
			off = int64(len(data))
		}
		return &positionedError{line: lineAt(off), msg: "this front matter is not valid JSON: " + msg}
	}
	budget := maxNodes
	var value func(tok json.Token, depth int) (*node, error)
	value = func(tok json.Token, depth int) (*node, error) {
		n := &node{line: lineAt(dec.InputOffset())}
		if budget--; budget < 0 || depth > 100 {
			return nil, &positionedError{line: n.line, msg: "this front matter is nested too deeply or too large"}
		}
		switch t := tok.(type) {
		case json.Delim:
			switch t {
			case '{':
				n.kind = mapNode
				for dec.More() {
					kt, err := dec.Token()
					if err != nil {
						return nil, fail(err)
					}
					name, _ := kt.(string)
					kline := lineAt(dec.InputOffset())
					if prev := n.get(name); prev != nil {
						return nil, &positionedError{line: kline, msg: fmt.Sprintf("%s: given twice (first on line %d); keep one", name, prev.line)}
					}
					vt, err := dec.Token()
					if err != nil {
						return nil, fail(err)
					}
					v, err := value(vt, depth+1)
					if err != nil {
						return nil, err
					}
					n.keys = append(n.keys, field{name: name, line: kline, val: v})
				}
			case '[':
				n.kind = listNode
				for dec.More() {
					it, err := dec.Token()
					if err != nil {
						return nil, fail(err)
					}
					v, err := value(it, depth+1)
					if err != nil {
						return nil, err
					}
					n.items = append(n.items, v)
				}
			default:
				return nil, &positionedError{line: n.line, msg: fmt.Sprintf("this front matter is not valid JSON: unexpected %q", t)}
			}
			if _, err := dec.Token(); err != nil { // the closing } or ]
				return nil, fail(err)
			}
		case string:
			n.value, n.tag = t, "str"
		case json.Number:
			n.value, n.tag = t.String(), "int"
			if strings.ContainsAny(n.value, ".eE") {
				n.tag = "float"
			}
		case bool:
			n.value, n.tag = strconv.FormatBool(t), "bool"
		case nil:
			n.value, n.tag = "null", "null"
		}
		return n, nil
	}
	tok, err := dec.Token()
	if errors.Is(err, io.EOF) {
		return nil, nil
	}
	if err != nil {
		return nil, fail(err)
	}
	root, err := value(tok, 0)
	if err != nil {
		return nil, err
	}
	if _, err := dec.Token(); !errors.Is(err, io.EOF) {
		return nil, &positionedError{line: lineAt(dec.InputOffset()), msg: "this front matter is not valid JSON: there is more after the closing }"}
	}
	return root, nil
}

// parseTOML decodes TOML, whose library gives no positions for keys: the
// line of each key is found in the text by tomlKeyLines, falling back on
// the line of the enclosing table.
func parseTOML(data []byte, firstLine int) (*node, error) {
	var m map[string]any
	if _, err := toml.Decode(string(data), &m); err != nil {
		var pe toml.ParseError
		if errors.As(err, &pe) {
			msg := pe.Message
			if strings.HasPrefix(msg, "invalid datetime: ") {
				msg += " (dates are YYYY-MM-DD and must exist in the calendar)"
			}
			return nil, &positionedError{line: firstLine + pe.Position.Line - 1, msg: "this front matter is not valid TOML: " + msg}
		}
		return nil, &positionedError{line: firstLine, msg: "this front matter is not valid TOML: " + err.Error()}
	}
	lines := tomlKeyLines(data, firstLine)
	var conv func(v any, path string, line int) *node
	conv = func(v any, path string, line int) *node {
		switch v := v.(type) {
		case map[string]any:
			n := &node{kind: mapNode, line: line}
			for k, val := range v {
				sub := joinKey(path, k)
				kl, ok := lines[sub]
				if !ok {
					kl = line
				}
				n.keys = append(n.keys, field{name: k, line: kl, val: conv(val, sub, kl)})
			}
			slices.SortFunc(n.keys, func(a, b field) int {
				if a.line != b.line {
					return a.line - b.line
				}
				return strings.Compare(a.name, b.name)
			})
			return n
		case []any:
			n := &node{kind: listNode, line: line}
			for _, it := range v {
				n.items = append(n.items, conv(it, path, line))
			}
			return n
		case []map[string]any:
			n := &node{kind: listNode, line: line}
			for _, it := range v {
				n.items = append(n.items, conv(it, path, line))
			}
			return n
		case string:
			return &node{line: line, value: v, tag: "str"}
		case int64:
			return &node{line: line, value: strconv.FormatInt(v, 10), tag: "int"}
		case float64:
			return &node{line: line, value: strconv.FormatFloat(v, 'f', -1, 64), tag: "float"}
		case bool:
			return &node{line: line, value: strconv.FormatBool(v), tag: "bool"}
		case time.Time:
			// TOML's local dates come back as midnight in a zone named "date-local".
			if name, _ := v.Zone(); name == "date-local" {
				return &node{line: line, value: v.Format(time.DateOnly), tag: "timestamp"}
			}
			return &node{line: line, value: v.Format(time.RFC3339), tag: "timestamp"}
		default:
			return &node{line: line, value: fmt.Sprint(v), tag: "str"}
		}
	}
	return conv(m, "", firstLine), nil
}

// tomlKeyLines maps each dotted key path of a TOML text to the line where
// it is first written: a [table] header, or a key = value line (whose
// dotted parts all count). Keys inside an inline table are not listed;
// they take the line of the key holding the table. The scan is rough (it
// does not parse strings fully) but the toml decoder has already accepted
// the text, and a wrong guess only moves a message by a line.
func tomlKeyLines(data []byte, firstLine int) map[string]int {
	out := map[string]int{}
	table := ""
	inMulti := "" // the delimiter of an open multi-line string
	depth := 0    // brackets left open by a value continued on the next lines
	for i, raw := range strings.Split(string(data), "\n") {
		line := firstLine + i
		t := strings.TrimSpace(raw)
		switch {
		case inMulti != "":
			if strings.Count(t, inMulti)%2 == 1 {
				inMulti = ""
			}
			continue
		case depth > 0:
			depth += bracketBalance(t)
			continue
		case t == "" || t[0] == '#':
			continue
		case t[0] == '[':
			name, _, _ := strings.Cut(t, "#")
			table = tomlPath(strings.Trim(strings.TrimSpace(name), "[] "))
			if _, ok := out[table]; !ok {
				out[table] = line
			}
			continue
		}
		k, rest, ok := strings.Cut(t, "=")
		if !ok {
			continue
		}
		path := table
		for _, part := range strings.Split(strings.TrimSpace(k), ".") {
			path = joinKey(path, strings.Trim(strings.TrimSpace(part), `"'`))
			if _, ok := out[path]; !ok {
				out[path] = line
			}
		}
		for _, delim := range []string{`"""`, `'''`} {
			if strings.Count(rest, delim)%2 == 1 {
				inMulti = delim
			}
		}
		if inMulti == "" {
			depth = max(bracketBalance(rest), 0)
		}
	}
	return out
}

// bracketBalance counts the [ and { a TOML line opens minus those it
// closes, outside strings and comments.
func bracketBalance(s string) int {
	n := 0
	var quote byte
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case quote != 0:
			if c == '\\' && quote == '"' {
				i++
			} else if c == quote {
				quote = 0
			}
		case c == '"' || c == '\'':
			quote = c
		case c == '#':
			return n
		case c == '[' || c == '{':
			n++
		case c == ']' || c == '}':
			n--
		}
	}
	return n
}

// tomlPath normalizes a table name: `a . "b"` → a.b.
func tomlPath(name string) string {
	parts := strings.Split(name, ".")
	for i, p := range parts {
		parts[i] = strings.Trim(strings.TrimSpace(p), `"'`)
	}
	return strings.Join(parts, ".")
}

func joinKey(table, key string) string {
	if table == "" {
		return key
	}
	return table + "." + key
}

// yamlHints explain yaml.v3's commonest syntax errors to people who do
// not know YAML's vocabulary; the original follows for searching.
var yamlHints = map[string]string{
	"mapping values are not allowed in this context":               "a colon (:) here starts a new field; if it is part of the value, put the value in quotes, else check the indentation",
	"could not find expected ':'":                                  "a field is written name: value, with a colon",
	"did not find expected key":                                    "this line does not fit with the fields above; check its indentation and quotes",
	"did not find expected ',' or ']'":                             "a list opened with [ is not closed with ]",
	"did not find expected ',' or '}'":                             "a group opened with { is not closed with }",
	"block sequence entries are not allowed in this context":       "a list item (- …) cannot go here; put each item on its own line, indented under its field",
	"found character that cannot start any token":                  "a value cannot start with this character (such as @, ` or %); put the value in quotes",
	"did not find expected node content":                           "a value is missing or cut short",
	"did not find expected '-' indicator":                          "this line does not fit in the list above; start list items with - and align them",
	"found a tab character that violates indentation":              "indent with spaces, not tabs",
	"found a tab character where an indentation space is expected": "indent with spaces, not tabs",
}

func explainYAML(msg string, line []byte) string {
	if msg == "found character that cannot start any token" && bytes.HasPrefix(bytes.TrimLeft(line, " "), []byte("\t")) {
		return "indent with spaces, not tabs (YAML: " + msg + ")"
	}
	if h, ok := yamlHints[msg]; ok {
		return h + " (YAML: " + msg + ")"
	}
	return msg
}

// lineOf returns line n (1-based) of data.
func lineOf(data []byte, n int) []byte {
	for i := 1; i < n; i++ {
		j := bytes.IndexByte(data, '\n')
		if j < 0 {
			return nil
		}
		data = data[j+1:]
	}
	if j := bytes.IndexByte(data, '\n'); j >= 0 {
		data = data[:j]
	}
	return data
}

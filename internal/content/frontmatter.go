package content

import (
	"bytes"
	"errors"
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"

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

// splitDocument separates front matter and body, and parses the front
// matter into nodes. Problems go to l against file.
func splitDocument(file string, data []byte, l *list) (document, bool) {
	var c capture
	rest, err := frontmatter.MustParse(bytes.NewReader(data), &c, frontMatterFormats()...)
	open, openLine := firstLine(data)
	if err != nil {
		if errors.Is(err, frontmatter.ErrNotFound) {
			switch open {
			case "---", "---yaml", "+++", "---toml", ";;;", "---json":
				end := open
				if strings.HasPrefix(open, "---") {
					end = "---"
				}
				l.errorf(file, openLine, "", "the front matter that starts here is never closed: add a line %q after the last field", end)
			default:
				l.errorf(file, 1, "", "no front matter: the file must start with a line \"---\", then its fields (title: …), then a line \"---\"")
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
	if open == "{" {
		fmLine = openLine
	}
	var fm *node
	switch c.format {
	case "toml":
		fm, err = parseTOML(c.data, fmLine)
	default: // JSON is YAML too, and yaml.v3 gives us lines for both
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

// firstLine returns the first non-blank line, trimmed, and its number.
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
		msg := err.Error()
		if m := yamlLineRE.FindStringSubmatch(msg); m != nil {
			n, _ := strconv.Atoi(m[1])
			return nil, &positionedError{line: firstLine + n - 1, msg: "this front matter is not valid YAML: " + m[2]}
		}
		return nil, &positionedError{line: firstLine, msg: "this front matter is not valid YAML: " + strings.TrimPrefix(msg, "yaml: ")}
	}
	if len(doc.Content) == 0 {
		return nil, nil
	}
	return fromYAML(doc.Content[0], firstLine-1)
}

func fromYAML(y *yaml.Node, offset int) (*node, error) {
	n := &node{line: y.Line + offset}
	switch y.Kind {
	case yaml.AliasNode:
		return fromYAML(y.Alias, offset)
	case yaml.ScalarNode:
		n.kind = scalarNode
		n.value = y.Value
		n.tag = strings.TrimPrefix(y.ShortTag(), "!!")
		if y.Style&(yaml.DoubleQuotedStyle|yaml.SingleQuotedStyle) != 0 {
			n.tag = "str"
		}
	case yaml.SequenceNode:
		n.kind = listNode
		for _, c := range y.Content {
			it, err := fromYAML(c, offset)
			if err != nil {
				return nil, err
			}
			n.items = append(n.items, it)
		}
	case yaml.MappingNode:
		n.kind = mapNode
		for i := 0; i+1 < len(y.Content); i += 2 {
			k, v := y.Content[i], y.Content[i+1]
			if prev := n.get(k.Value); prev != nil {
				return nil, &positionedError{line: k.Line + offset, msg: fmt.Sprintf("%s: given twice (first on line %d); keep one", k.Value, prev.line)}
			}
			val, err := fromYAML(v, offset)
			if err != nil {
				return nil, err
			}
			n.keys = append(n.keys, field{name: k.Value, line: k.Line + offset, val: val})
		}
	default:
		return nil, &positionedError{line: n.line, msg: "unexpected YAML"}
	}
	return n, nil
}

// parseTOML decodes TOML, whose library gives no positions for keys: the
// line of each key is found in the text (the line of its table, or of its
// parent inline table, when it is not on a line of its own).
func parseTOML(data []byte, firstLine int) (*node, error) {
	var m map[string]any
	if _, err := toml.Decode(string(data), &m); err != nil {
		var pe toml.ParseError
		if errors.As(err, &pe) {
			return nil, &positionedError{line: firstLine + pe.Position.Line - 1, msg: "this front matter is not valid TOML: " + pe.Message}
		}
		return nil, &positionedError{line: firstLine, msg: "this front matter is not valid TOML: " + err.Error()}
	}
	lines := strings.Split(string(data), "\n")
	find := func(table, key string, from int) int {
		inTable := table == ""
		for i := 0; i < len(lines); i++ {
			t := strings.TrimSpace(lines[i])
			if strings.HasPrefix(t, "[") {
				name := strings.Trim(t, "[] ")
				inTable = name == table
				if table != "" && name == table && key == "" {
					return firstLine + i
				}
				continue
			}
			if inTable && key != "" {
				if k, _, ok := strings.Cut(t, "="); ok && strings.Trim(strings.TrimSpace(k), `"'`) == key {
					return firstLine + i
				}
			}
		}
		return from
	}
	var conv func(v any, table string, line int) *node
	conv = func(v any, table string, line int) *node {
		switch v := v.(type) {
		case map[string]any:
			n := &node{kind: mapNode, line: line}
			for k, val := range v {
				kl := find(table, k, line)
				sub := table
				if _, isMap := val.(map[string]any); isMap {
					if tl := find(joinKey(table, k), "", -1); tl >= 0 {
						kl = tl
					}
					sub = joinKey(table, k)
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
				n.items = append(n.items, conv(it, table, line))
			}
			return n
		case []map[string]any:
			n := &node{kind: listNode, line: line}
			for _, it := range v {
				n.items = append(n.items, conv(it, table, line))
			}
			return n
		case string:
			return &node{line: line, value: v, tag: "str"}
		case int64:
			return &node{line: line, value: strconv.FormatInt(v, 10), tag: "int"}
		case float64:
			return &node{line: line, value: strconv.FormatFloat(v, 'g', -1, 64), tag: "float"}
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

func joinKey(table, key string) string {
	if table == "" {
		return key
	}
	return table + "." + key
}

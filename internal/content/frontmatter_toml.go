package content

import (
	"bytes"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/BurntSushi/toml"
)

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

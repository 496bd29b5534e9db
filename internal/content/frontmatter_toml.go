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

	"github.com/jobboard/jobboard/internal/msg"
)

// parseTOML decodes TOML, whose library gives no positions for keys: the
// line of each key is found in the text by tomlKeyLines, falling back on
// the line of the enclosing table.
func parseTOML(data []byte, firstLine int) (*node, error) {
	if err := tomlMeasure(data, firstLine); err != nil {
		return nil, err
	}
	return decodeTOML(data, firstLine)
}

// decodeTOML is parseTOML without the measure taken before decoding.
func decodeTOML(data []byte, firstLine int) (*node, error) {
	var m map[string]any
	if _, err := toml.Decode(string(data), &m); err != nil {
		var pe toml.ParseError
		if errors.As(err, &pe) {
			line := firstLine + pe.Position.Line - 1
			if strings.HasPrefix(pe.Message, "invalid datetime: ") {
				return nil, &positionedError{line: line, msg: msg.New("this front matter is not valid TOML: %s (dates are YYYY-MM-DD and must exist in the calendar)", pe.Message)}
			}
			return nil, &positionedError{line: line, msg: msg.New("this front matter is not valid TOML: %s", pe.Message)}
		}
		return nil, &positionedError{line: firstLine, msg: msg.New("this front matter is not valid TOML: %s", err)}
	}
	lines := tomlKeyLines(data, firstLine)
	var b budget
	var conv func(v any, path string, line, depth int) (*node, error)
	conv = func(v any, path string, line, depth int) (*node, error) {
		if err := b.take(line, depth); err != nil {
			return nil, err
		}
		switch v := v.(type) {
		case map[string]any:
			n := &node{kind: mapNode, line: line}
			for k, val := range v {
				sub := joinKey(path, k)
				kl, ok := lines[sub]
				if !ok {
					kl = line
				}
				kv, err := conv(val, sub, kl, depth+1)
				if err != nil {
					return nil, err
				}
				n.keys = append(n.keys, field{name: k, line: kl, val: kv})
			}
			slices.SortFunc(n.keys, func(a, b field) int {
				if a.line != b.line {
					return a.line - b.line
				}
				return strings.Compare(a.name, b.name)
			})
			return n, nil
		case []any:
			return convItems(v, path, line, lines, func(it any, p string, l int) (*node, error) { return conv(it, p, l, depth+1) })
		case []map[string]any:
			return convItems(v, path, line, lines, func(it map[string]any, p string, l int) (*node, error) { return conv(it, p, l, depth+1) })
		}
		return tomlScalar(v, line), nil
	}
	return conv(m, "", firstLine, 0)
}

// convItems is the list node of the items of an array at path, each
// converted by conv at its own path (path[i]) and line (tomlKeyLines
// lists those of each [[table]] and of an array's items on their own
// lines), or the array's line when its item's is not known.
func convItems[T any](items []T, path string, line int, lines map[string]int, conv func(it T, path string, line int) (*node, error)) (*node, error) {
	n := &node{kind: listNode, line: line}
	for i, it := range items {
		ip := itemKey(path, i)
		il, ok := lines[ip]
		if !ok {
			il = line
		}
		iv, err := conv(it, ip, il)
		if err != nil {
			return nil, err
		}
		n.items = append(n.items, iv)
	}
	return n, nil
}

// itemKey is the path of item i of the array at path: location[1].
func itemKey(path string, i int) string { return path + "[" + strconv.Itoa(i) + "]" }

// tomlScalar is the node of a TOML value that is not a table or an array.
func tomlScalar(v any, line int) *node {
	switch v := v.(type) {
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

// tomlMeasure holds a TOML text to the limits of every front matter
// (budget) before the toml decoder reads it, whose time grows with the
// square of the depth: 10,000 inline tables inside one another took it
// 11 s (check: 19 s and 4 GB); 1,700 values 99 levels deep, 10 s (check,
// on 2 busy cores). Levels are the parts
// of a [table] header (one more for an [[array of tables]]) and of a
// dotted key, and the [ and { of values, outside strings and comments.
// The values counted are the headers, the key = value pairs and the
// arrays and inline tables in arrays, each a value of its own: never more
// than the decoder makes, which the converter then counts exactly, with
// the values in arrays this leaves out.
func tomlMeasure(data []byte, firstLine int) *positionedError {
	var b budget
	line := firstLine
	var stack []int   // the level of each [ or { left open, outside
	level := 0        // of the table, inline table or array being read
	next := 1         // level of a value that would start now
	keyDots := 0      // dots in the key being read
	lineStart := true // nothing but spaces yet on this line
	header := false   // reading a [table] header
	afterEq := false  // a value starts here, counted at its '='
	for i := 0; i < len(data); i++ {
		c := data[i]
		switch {
		case c == '\n':
			line++
			lineStart, keyDots = true, 0
			continue
		case c == ' ' || c == '\t' || c == '\r':
			continue
		case c == '#':
			for i+1 < len(data) && data[i+1] != '\n' {
				i++
			}
			continue
		case c == '"' || c == '\'':
			end := tomlStringEnd(data, i)
			line += bytes.Count(data[i:min(end, len(data))], []byte("\n"))
			i = end - 1
		case lineStart && len(stack) == 0 && c == '[':
			header, level = true, 1
			if i+1 < len(data) && data[i+1] == '[' {
				level++
				i++
			}
		case header && c == '.':
			level++
		case header && c == ']':
			header = false
			for i+1 < len(data) && data[i+1] == ']' {
				i++
			}
			if err := b.take(line, level); err != nil {
				return err
			}
		case c == '.':
			keyDots++
		case c == '=':
			next, keyDots = level+keyDots+1, 0
			if err := b.take(line, next); err != nil {
				return err
			}
		case c == ',':
			next, keyDots = level+1, 0
		case c == '[' || c == '{':
			if !afterEq {
				if err := b.take(line, next); err != nil {
					return err
				}
			}
			stack = append(stack, level)
			level, next, keyDots = next, next+1, 0
		case c == ']' || c == '}':
			if len(stack) > 0 {
				level, stack = stack[len(stack)-1], stack[:len(stack)-1]
			}
			next, keyDots = level+1, 0
		}
		lineStart, afterEq = false, c == '='
	}
	return nil
}

// tomlStringEnd is where the TOML string starting at data[i] (a quote,
// or three) ends, past its closing quotes; past the end of data when it is
// not closed.
func tomlStringEnd(data []byte, i int) int {
	c := data[i]
	delim := data[i : i+1]
	if i+2 < len(data) && data[i+1] == c && data[i+2] == c {
		delim = data[i : i+3]
	}
	end := i + len(delim)
	for end < len(data) && !bytes.HasPrefix(data[end:], delim) {
		if data[end] == '\\' && c == '"' {
			end++
		}
		end++
	}
	end += len(delim)
	for len(delim) == 3 && end < len(data) && data[end] == c { // """a"""" ends with a quote of the string
		end++
	}
	return end
}

// tomlKeyLines maps each dotted key path of a TOML text to the line where
// it is first written: a [table] header, or a key = value line (whose
// dotted parts all count). The item i of an array has the path
// path[i]: each [[table]] of an array of tables (location[1], whose keys
// are location[1].city…), and each item of an array value that starts
// on a line of its own. Keys inside an inline table are not listed; they
// take the line of the key, or array item, holding the table. The scan
// is rough (it does not parse strings fully) but the toml decoder has
// already accepted the text, and a wrong guess only moves a message by a
// line.
func tomlKeyLines(data []byte, firstLine int) map[string]int {
	out := map[string]int{}
	table := ""
	arrays := map[string]int{} // the [[tables]] of each array of tables so far
	inMulti := ""              // the delimiter of an open multi-line string
	var value arrayScan        // the value being read, continued on the next lines while it has brackets open
	for i, raw := range strings.Split(string(data), "\n") {
		line := firstLine + i
		t := strings.TrimSpace(raw)
		switch {
		case inMulti != "":
			if strings.Count(t, inMulti)%2 == 1 {
				inMulti = ""
			}
			continue
		case value.depth > 0:
			value.scan(t, line, out)
			continue
		case t == "" || t[0] == '#':
			continue
		case t[0] == '[':
			var array string
			table, array = tableKey(t, arrays)
			// An array of tables is on the line of its first [[table]].
			for _, k := range []string{array, table} {
				if _, ok := out[k]; !ok && k != "" {
					out[k] = line
				}
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
		value = arrayScan{path: path}
		if inMulti == "" {
			value.scan(rest, line, out)
		}
	}
	return out
}

// tableKey is the path of the table a [header] or [[header]] line opens,
// with the index of each array of tables it is in or adds to
// (a[0].b[2]), and for a [[header]] the path of its array (a[0].b);
// arrays counts the [[tables]] of each array so far.
func tableKey(header string, arrays map[string]int) (table, array string) {
	name, _, _ := strings.Cut(header, "#")
	name = strings.TrimSpace(name)
	isArray := strings.HasPrefix(name, "[[")
	parts := strings.Split(tomlPath(strings.Trim(name, "[] ")), ".")
	for i, part := range parts {
		table = joinKey(table, part)
		switch n, seen := arrays[table]; {
		case i == len(parts)-1 && isArray:
			array = table
			arrays[table] = n + 1
			table = itemKey(table, n)
		case seen:
			table = itemKey(table, n-1) // the last [[table]] of that array
		}
	}
	return table, array
}

// arrayScan follows a value over its lines: the [ and { left open, and
// in an array, where each of its items starts (path[i]).
type arrayScan struct {
	path  string
	depth int  // brackets left open
	array bool // the value is an array
	item  int  // the next item's index
	next  bool // an item of the array may start here
}

// scan reads s, a line of the value (after its = on the first), outside
// strings and comments, and gives out the line of each item of the
// array that starts on it.
func (a *arrayScan) scan(s string, line int, out map[string]int) {
	start := func() {
		if a.depth == 1 && a.array && a.next {
			if k := itemKey(a.path, a.item); out[k] == 0 {
				out[k] = line
			}
			a.item++
			a.next = false
		}
	}
	for i := 0; i < len(s); i++ {
		switch c := s[i]; c {
		case ' ', '\t', '\r':
		case '#':
			return
		case '"', '\'':
			start()
			for i++; i < len(s) && s[i] != c; i++ {
				if s[i] == '\\' && c == '"' {
					i++
				}
			}
		case '[', '{':
			start()
			if a.depth == 0 {
				a.array, a.next = c == '[', c == '['
			}
			a.depth++
		case ']', '}':
			a.depth = max(a.depth-1, 0)
		case ',':
			a.next = a.depth == 1 && a.array
		default:
			start()
		}
	}
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
var yamlHints = map[string]msg.Text{
	"mapping values are not allowed in this context":               msg.New("a colon (:) here starts a new field; if it is part of the value, put the value in quotes, else check the indentation"),
	"could not find expected ':'":                                  msg.New("a field is written name: value, with a colon"),
	"did not find expected key":                                    msg.New("this line does not fit with the fields above; check its indentation and quotes"),
	"did not find expected ',' or ']'":                             msg.New("a list opened with [ is not closed with ]"),
	"did not find expected ',' or '}'":                             msg.New("a group opened with { is not closed with }"),
	"block sequence entries are not allowed in this context":       msg.New("a list item (- …) cannot go here; put each item on its own line, indented under its field"),
	"found character that cannot start any token":                  msg.New("a value cannot start with this character (such as @, ` or %%); put the value in quotes"),
	"did not find expected node content":                           msg.New("a value is missing or cut short"),
	"did not find expected '-' indicator":                          msg.New("this line does not fit in the list above; start list items with - and align them"),
	"found a tab character that violates indentation":              msg.New("indent with spaces, not tabs"),
	"found a tab character where an indentation space is expected": msg.New("indent with spaces, not tabs"),
	"found unexpected end of stream":                               msg.New("the front matter ends inside a value: a quote, [ or { is left open"),
	"did not find expected alphabetic or numeric character":        msg.New("a value cannot start with & or * (YAML keeps them for references); put the value in quotes"),
}

func explainYAML(yamlMsg string, line []byte) msg.Text {
	if yamlMsg == "found character that cannot start any token" && bytes.HasPrefix(bytes.TrimLeft(line, " "), []byte("\t")) {
		return msg.New("indent with spaces, not tabs (YAML: %s)", yamlMsg)
	}
	if h := explainLine(yamlMsg, line); !h.IsZero() {
		return msg.New("%s (YAML: %s)", h, yamlMsg)
	}
	if h, ok := yamlHints[yamlMsg]; ok {
		return msg.New("%s (YAML: %s)", h, yamlMsg)
	}
	if yamlMsg == msgYAMLUnclosed {
		return msg.New(msgYAMLUnclosed)
	}
	// Every syntax error gets plain words, even one not foreseen above.
	return msg.New(msgYAMLOther+" (YAML: %s)", yamlMsg)
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

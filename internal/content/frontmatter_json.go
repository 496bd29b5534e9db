package content

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"strconv"
	"strings"

	"github.com/jobboard/jobboard/internal/msg"
)

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
		problem := msg.Plain(err.Error())
		if errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) {
			problem = msg.New("it ends too early (a } or ] is missing)")
			off = int64(len(data))
		}
		return &positionedError{line: lineAt(off), msg: msg.New("this front matter is not valid JSON: %s", problem)}
	}
	var b budget
	var value func(tok json.Token, depth int) (*node, error)
	value = func(tok json.Token, depth int) (*node, error) {
		n := &node{line: lineAt(dec.InputOffset())}
		if err := b.take(n.line, depth); err != nil {
			return nil, err
		}
		switch t := tok.(type) {
		case json.Delim:
			switch t {
			case '{':
				n.kind = mapNode
				var keys keySet
				for dec.More() {
					kt, err := dec.Token()
					if err != nil {
						return nil, fail(err)
					}
					name, _ := kt.(string)
					kline := lineAt(dec.InputOffset())
					if prev := keys.find(n, name); prev != nil {
						return nil, &positionedError{line: kline, msg: msg.New("%s: given twice (first on line %d); keep one", name, prev.line)}
					}
					vt, err := dec.Token()
					if err != nil {
						return nil, fail(err)
					}
					v, err := value(vt, depth+1)
					if err != nil {
						return nil, err
					}
					keys.add(n, field{name: name, line: kline, val: v})
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
				return nil, &positionedError{line: n.line, msg: msg.New("this front matter is not valid JSON: unexpected %q", t)}
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
		return nil, &positionedError{line: lineAt(dec.InputOffset()), msg: msg.New("this front matter is not valid JSON: there is more after the closing }")}
	}
	return root, nil
}

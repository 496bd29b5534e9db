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
	p := jsonParser{dec: json.NewDecoder(bytes.NewReader(data)), data: data, firstLine: firstLine, lastLine: firstLine}
	p.dec.UseNumber()
	tok, err := p.dec.Token()
	if errors.Is(err, io.EOF) {
		return nil, nil
	}
	if err != nil {
		return nil, p.fail(err)
	}
	root, err := p.value(tok, 0)
	if err != nil {
		return nil, err
	}
	if _, err := p.dec.Token(); !errors.Is(err, io.EOF) {
		return nil, &positionedError{line: p.lineAt(p.dec.InputOffset()), msg: msg.New("this front matter is not valid JSON: there is more after the closing }")}
	}
	return root, nil
}

// A jsonParser is the state of parseJSON: the decoder of data, whose first
// line is firstLine, the line of the last offset asked (lastOff: offsets
// only grow, so lines are counted incrementally), and the budget of nodes.
type jsonParser struct {
	dec               *json.Decoder
	data              []byte
	firstLine         int
	lastOff, lastLine int
	b                 budget
}

// lineAt is the line of the byte at offset off of the data.
func (p *jsonParser) lineAt(off int64) int {
	o := min(max(int(off), 0), len(p.data))
	if o < p.lastOff {
		return p.firstLine + bytes.Count(p.data[:o], []byte("\n"))
	}
	p.lastLine += bytes.Count(p.data[p.lastOff:o], []byte("\n"))
	p.lastOff = o
	return p.lastLine
}

// fail is the error err of the decoder, at its line.
func (p *jsonParser) fail(err error) error {
	off := p.dec.InputOffset()
	var se *json.SyntaxError
	if errors.As(err, &se) {
		off = se.Offset
	}
	problem := msg.Plain(err.Error())
	if errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) {
		problem = msg.New("it ends too early (a } or ] is missing)")
		off = int64(len(p.data))
	}
	return &positionedError{line: p.lineAt(off), msg: msg.New("this front matter is not valid JSON: %s", problem)}
}

// value is the node of the value that starts with tok, at depth.
func (p *jsonParser) value(tok json.Token, depth int) (*node, error) {
	n := &node{line: p.lineAt(p.dec.InputOffset())}
	if err := p.b.take(n.line, depth); err != nil {
		return nil, err
	}
	switch t := tok.(type) {
	case json.Delim:
		var err error
		switch t {
		case '{':
			err = p.object(n, depth)
		case '[':
			err = p.array(n, depth)
		default:
			return nil, &positionedError{line: n.line, msg: msg.New("this front matter is not valid JSON: unexpected %q", t)}
		}
		if err != nil {
			return nil, err
		}
		if _, err := p.dec.Token(); err != nil { // the closing } or ]
			return nil, p.fail(err)
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

// object reads the keys and values of an object, at depth, into n, up to
// its closing }.
func (p *jsonParser) object(n *node, depth int) error {
	n.kind = mapNode
	var keys keySet
	for p.dec.More() {
		kt, err := p.dec.Token()
		if err != nil {
			return p.fail(err)
		}
		name, _ := kt.(string)
		kline := p.lineAt(p.dec.InputOffset())
		if prev := keys.find(n, name); prev != nil {
			return &positionedError{line: kline, msg: msg.New("%s: given twice (first on line %d); keep one", name, prev.line)}
		}
		vt, err := p.dec.Token()
		if err != nil {
			return p.fail(err)
		}
		v, err := p.value(vt, depth+1)
		if err != nil {
			return err
		}
		keys.add(n, field{name: name, line: kline, val: v})
	}
	return nil
}

// array reads the items of an array, at depth, into n, up to its closing ].
func (p *jsonParser) array(n *node, depth int) error {
	n.kind = listNode
	for p.dec.More() {
		it, err := p.dec.Token()
		if err != nil {
			return p.fail(err)
		}
		v, err := p.value(it, depth+1)
		if err != nil {
			return err
		}
		n.items = append(n.items, v)
	}
	return nil
}

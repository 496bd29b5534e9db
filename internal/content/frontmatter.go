package content

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/adrg/frontmatter"

	"github.com/jobboard/jobboard/internal/msg"
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

// A keySet finds the keys of a group being built, to refuse a key given
// twice: by looking through them while they are few, by a map past that,
// as a front matter of 50,000 fields took seconds to look through.
type keySet map[string]int // key → index in the group's keys

// find returns the key name of n, nil when n has none yet.
func (s *keySet) find(n *node, name string) *field {
	if len(n.keys) < 16 {
		return n.get(name)
	}
	if *s == nil {
		*s = make(keySet, 2*len(n.keys))
		for i, k := range n.keys {
			(*s)[k.name] = i
		}
	}
	if i, ok := (*s)[name]; ok {
		return &n.keys[i]
	}
	return nil
}

// add appends f to n's keys.
func (s keySet) add(n *node, f field) {
	if s != nil {
		s[f.name] = len(n.keys)
	}
	n.keys = append(n.keys, f)
}

// describe is how a value is named in messages: its text, or its shape.
func (n *node) describe() msg.Text {
	switch n.kind {
	case mapNode:
		return msg.New("a group of fields")
	case listNode:
		return msg.New("a list")
	}
	if n.tag == "null" {
		return msg.New("nothing")
	}
	return msg.Plain(strconv.Quote(n.value))
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

func captureAs(kind string) frontmatter.UnmarshalFunc {
	return func(data []byte, v any) error {
		c := v.(*capture)
		c.format = kind
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

// msgEmptyFile is the error of a file with nothing in it but spaces.
const msgEmptyFile = "the file is empty: it needs front matter (a line \"---\", the fields, a line \"---\") and then the text"

// splitDocument separates front matter and body, and parses the front
// matter into nodes. Problems go to l against file. The body is the end of
// data itself, capped so that an append cannot write past it, not a copy.
func splitDocument(file string, data []byte, l *list) (document, bool) {
	// Windows editors (Notepad) start UTF-8 files with a byte-order mark,
	// which would hide the opening "---" from the front-matter reader.
	data = bytes.TrimPrefix(data, utf8BOM)
	open, openLine := firstLine(data)
	if open == "" {
		l.errorf(file, 1, "", msgEmptyFile)
		return document{}, false
	}
	if line, problem := badText(data, 1); line > 0 {
		// Caught here rather than by the YAML reader, which would not say where.
		l.errorf(file, line, "", "%s", problem)
		return document{}, false
	}
	var c capture
	bodyStart, err := frontMatter(data, &c)
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
	doc := document{
		format:   c.format,
		body:     data[bodyStart:len(data):len(data)],
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
		fm, err = parseYAMLAll(c.data, fmLine, func(line int, m msg.Text) {
			l.ds = append(l.ds, Diagnostic{File: file, Line: line, Msg: m})
		})
	}
	if err != nil {
		var pe *positionedError
		if errors.Is(err, errReported) {
			return doc, false
		}
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
	if !cleanValues(file, fm, l) {
		return doc, false
	}
	doc.fm = fm
	return doc, true
}

// cleanValues holds the values and field names of a front matter to the
// rule badText holds its bytes to: the escapes of YAML, JSON and TOML
// ("\x1b", "\0", "\u007f") write control characters that are not in the
// bytes. It reports the first one of each value and name, against the
// field's dotted path, and says whether there were none.
func cleanValues(file string, fm *node, l *list) bool {
	if !anyControl(fm) {
		return true // every front matter: no allocation
	}
	c := valueChecker{file: file, l: l, ok: true}
	c.check(fm)
	return c.ok
}

// anyControl says whether a value or field name within n holds a control
// character.
func anyControl(n *node) bool {
	if pos, _ := firstControl(n.value); pos > 0 {
		return true
	}
	for _, it := range n.items {
		if anyControl(it) {
			return true
		}
	}
	for _, k := range n.keys {
		if pos, _ := firstControl(k.name); pos > 0 || anyControl(k.val) {
			return true
		}
	}
	return false
}

type valueChecker struct {
	file string
	l    *list
	path []string // field names down to the value being checked, joined only for a message
	ok   bool
}

func (c *valueChecker) check(n *node) {
	switch n.kind {
	case scalarNode:
		if pos, r := firstControl(n.value); pos > 0 {
			c.l.errorf(c.file, n.line, strings.Join(c.path, "."), "contains %s", escapedControl(r, pos))
			c.ok = false
		}
	case listNode:
		for _, it := range n.items {
			c.check(it)
		}
	case mapNode:
		for _, k := range n.keys {
			c.path = append(c.path, k.name)
			if pos, r := firstControl(k.name); pos > 0 {
				c.l.errorf(c.file, k.line, strings.Join(c.path, "."), "this field name contains %s", escapedControl(r, pos))
				c.ok = false
			} else {
				c.check(k.val)
			}
			c.path = c.path[:len(c.path)-1]
		}
	}
}

func escapedControl(r rune, pos int) msg.Text {
	return msg.New("an invisible control character (%U) at position %d, written with a backslash escape; remove it", r, pos)
}

// firstControl finds the first control character (controlChar) of s, and
// returns its position, in characters from 1, or 0 when s has none.
func firstControl(s string) (pos int, r rune) {
	for i := 0; i < len(s); i++ {
		if !controlLead[s[i]] {
			continue
		}
		if r, _ := utf8.DecodeRuneInString(s[i:]); controlChar(r) {
			return utf8.RuneCountInString(s[:i]) + 1, r
		}
	}
	return 0, 0
}

// controlChar says whether r is a character no text of a content file may
// hold, as a byte or as an escape: a control character but tab, line feed
// and carriage return (anything below space, DEL, C1 controls but NEL),
// and the noncharacters U+FFFE and U+FFFF.
func controlChar(r rune) bool {
	switch {
	case r < 0x20:
		return r != '\t' && r != '\n' && r != '\r'
	case r == 0x7f, r >= 0x80 && r < 0xa0 && r != 0x85, r == 0xfffe, r == 0xffff:
		return true
	}
	return false
}

// frontMatter reads the front matter of data with adrg/frontmatter into c
// and says where the body starts.
//
// The reader copies everything it is given, line by line through a 4 KB
// bufio.Reader into a buffer grown by doubling, and returns the body as
// the end of its copy: at 10,000 postings, 450 MB of garbage for 113 MB of
// text, a third of what a rebuild allocates. So it is first given only the
// start of data, up to one line past the first line that could close the
// front matter (frontMatterCut). When it finds the front matter there and
// leaves some of that start unread, it read only whole lines of the
// start, and would have read the very same lines of the whole file: its
// answer is the one the whole file gets, and the body is the rest of
// data, not a copy. Otherwise (a JSON closing brace followed by more
// fields, no front matter, an error), the whole file is read the usual
// way, for the usual answer.
func frontMatter(data []byte, c *capture) (bodyStart int, err error) {
	if cut := frontMatterCut(data); cut > 0 {
		var start capture
		fr := frontMatterReaders.Get().(*frontMatterReader)
		fr.data.Reset(data[:cut])
		fr.buf.Reset(&fr.data)
		rest, err := frontmatter.MustParse(fr.buf, &start, formats...)
		fr.buf.Reset(nil) // the pool keeps no file's bytes
		fr.data.Reset(nil)
		frontMatterReaders.Put(fr)
		if err == nil && len(rest) > 0 {
			*c = start
			return cut - len(rest), nil
		}
	}
	rest, err := frontmatter.MustParse(bytes.NewReader(data), c, formats...)
	if err != nil {
		return 0, err
	}
	return len(data) - len(rest), nil
}

// A frontMatterReader is what frontMatter gives adrg/frontmatter to read:
// the reader wraps what it is given in a new 4 KB bufio.Reader unless it
// is one already (bufio.NewReaderSize): 80 MB at 10,000 postings, a sixth
// of what their load allocated. They are pooled, not kept by a Loader, as
// the parsers run on many goroutines.
type frontMatterReader struct {
	data bytes.Reader
	buf  *bufio.Reader
}

var frontMatterReaders = sync.Pool{New: func() any {
	fr := &frontMatterReader{}
	fr.buf = bufio.NewReaderSize(&fr.data, 4096)
	return fr
}}

// frontMatterCut is the length of the start of data that ends one line
// after the first line, past the first non-blank one, that is a closing
// delimiter of some front-matter format ("---", "+++", ";;;" or "}"); 0
// when data has no such line followed by another.
func frontMatterCut(data []byte) int {
	opened, closed := false, false
	for i := 0; i < len(data); {
		n := bytes.IndexByte(data[i:], '\n')
		if n < 0 {
			return 0
		}
		line := bytes.TrimSpace(data[i : i+n])
		i += n + 1
		switch {
		case closed:
			return i
		case !opened:
			opened = len(line) > 0
		default:
			switch string(line) {
			case "---", "+++", ";;;", "}":
				closed = true
			}
		}
	}
	return 0
}

// badText finds the first line that is not valid UTF-8 or holds a control
// character YAML, TOML and JSON all refuse (controlChar), and says what is
// wrong with it. It returns 0 when the text is clean.
func badText(data []byte, firstLine int) (int, msg.Text) {
	if cleanText(data) {
		return 0, msg.Text{}
	}
	line := firstLine
	for i := 0; i < len(data); {
		c := data[i]
		r, size := rune(c), 1
		if c >= utf8.RuneSelf {
			r, size = utf8.DecodeRune(data[i:])
		}
		switch {
		case c == '\n':
			line++
		case r == utf8.RuneError && size == 1:
			return line, msg.New("this line is not valid UTF-8 text; save the file as UTF-8 (Unicode)")
		case controlChar(r):
			return line, msg.New("this line contains an invisible control character (%U); remove it", r)
		}
		i += size
	}
	return 0, msg.Text{}
}

// cleanText says whether badText would find nothing wrong in data,
// about three times faster than its scan: every content file is clean,
// and checking them byte by byte, counting lines, took a tenth of the CPU
// of a load (0.155 s for 10,000 postings; ~0.05 s with cleanText, CPU
// profiles of the same probe benchmark).
// Valid UTF-8 checked (utf8.Valid goes 8 bytes at a time through ASCII),
// what is left are the bytes a control character can start with
// (controlLead), few in any text.
func cleanText(data []byte) bool {
	if !utf8.Valid(data) {
		return false
	}
	for i, c := range data {
		if !controlLead[c] {
			continue
		}
		switch c {
		case 0xc2: // U+0080 to U+00BF, of which U+0080 to U+009F are C1 controls, but NEL (U+0085)
			if next := data[i+1]; next < 0xa0 && next != 0x85 { // valid UTF-8: there is a next byte
				return false
			}
		case 0xef: // U+F000 to U+FFFF, of which U+FFFE and U+FFFF
			if data[i+1] == 0xbf && data[i+2] >= 0xbe {
				return false
			}
		default:
			return false
		}
	}
	return true
}

// controlLead is true for the bytes that are, or can start the UTF-8 of, a
// character badText refuses.
var controlLead = func() (t [256]bool) {
	for c := range 0x20 {
		t[c] = c != '\t' && c != '\n' && c != '\r'
	}
	t[0x7f], t[0xc2], t[0xef] = true, true, true
	return t
}()

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

// Every front matter, whatever its format, is held to the same limits as
// it is turned into nodes, so that no file can make a load slow or fill
// memory. A posting's fields go three levels deep (apply: {to: [address]})
// and number a few dozen.
const (
	maxDepth = 20      // levels of groups and lists inside one another
	maxNodes = 100_000 // values: fields, list items, groups, lists
)

// A budget counts the values of one front matter as they are made, and
// says when a limit is passed.
type budget struct {
	nodes int
	alias int // YAML: line of the outermost alias being expanded, 0 when none
}

// take counts a value on line, at depth (the front matter itself is at
// 0, a field's value at 1), and returns the error when it passes a limit.
func (b *budget) take(line, depth int) *positionedError {
	b.nodes++
	switch {
	case depth > maxDepth:
		return &positionedError{line: line, msg: msg.New("this front matter is nested more than %d levels deep (groups and lists inside one another); a posting's fields go 3 levels deep at most, like apply: {to: [address]}: remove the extra levels", maxDepth)}
	case b.nodes > maxNodes && b.alias > 0:
		return &positionedError{line: b.alias, msg: msg.New("this front matter holds more than %s values once its aliases (*name) are expanded; write the values out instead of repeating them with *name", groupDigits(maxNodes))}
	case b.nodes > maxNodes:
		return &positionedError{line: line, msg: msg.New("this front matter holds more than %s values (fields and list items); a posting has a few dozen: shorten the list", groupDigits(maxNodes))}
	}
	return nil
}

type positionedError struct {
	line int
	msg  msg.Text
}

func (e *positionedError) Error() string { return fmt.Sprintf("line %d: %s", e.line, e.msg) }

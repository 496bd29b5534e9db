package jsonld

import (
	"html"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Simplify turns HTML (goldmark's output, or any fragment) into the subset
// Google's job display renders: <p>, <ul>, <li> and <br>, without attributes.
// The result is always well formed: p only at the top level, li only in ul,
// ul at the top level or in li, text and br only in p or li.
//
//   - p, h1–h6, blockquote, pre, div, tr and the other block elements become
//     paragraphs (a heading is a paragraph of its own). Inside a list item a
//     block boundary becomes a <br> instead, so that li holds only text, br
//     and nested ul, which every reader displays alike (goldmark's "loose"
//     lists put <p> in <li>). pre keeps its line breaks as <br>.
//   - ol becomes ul and each of its items starts with its number, "1. ",
//     "2. " (honouring start=): the order often matters ("step 2") and ol is
//     not among the tags Google lists, so a bullet and a number it is.
//   - Table cells are separated by <br>, one row per paragraph.
//   - a, strong, em, code, del and every other inline or unknown element give
//     their text only (a link's address is dropped: the page has it).
//   - img, input and hr give nothing; script, style, template, iframe,
//     textarea, title, noscript, svg, math, object and comments are dropped
//     with their content.
//   - Text is decoded once and re-escaped once: & as &amp;, > as &gt;, and <
//     as &#60; (not &lt;, so that a posting that mentions "<p>" does not look
//     like HTML escaped twice to checkers). Control characters and invalid
//     UTF-8 are dropped or replaced. Empty paragraphs and lists are omitted.
//
// Simplify is idempotent: Simplify(Simplify(s)) == Simplify(s).
func Simplify(s string) string {
	root := parseFragment(s)
	var r renderer
	r.b.Grow(len(s)) // about as long: grown by doubling, it was a fifth of a build's allocations
	r.children(root)
	r.closeTo(0)
	return r.b.String()
}

// ---------------------------------------------------------------- parsing

// node is an element (tag != "") or a text node (decoded text).
type node struct {
	tag   string
	kind  kind
	start string // ol's start attribute, raw
	text  string
	// The children, linked: a slice of them per element, grown by
	// doubling, took a fifth of parseFragment's time (BenchmarkJobPosting).
	first, last, next *node
}

func (n *node) add(c *node) {
	if n.last == nil {
		n.first = c
	} else {
		n.last.next = c
	}
	n.last = c
}

// nodes hands out the nodes of one parse from blocks of 64, rather than
// one allocation each: with the slices of children, allocating took 45%
// of parseFragment's time (BenchmarkJobPosting).
type nodes []node

func (ns *nodes) new() *node {
	if len(*ns) == 0 {
		*ns = make([]node, 64)
	}
	n := &(*ns)[0]
	*ns = (*ns)[1:]
	return n
}

var voidElements = set("area base basefont bgsound br col embed frame hr img input isindex keygen link meta param source track wbr")

// rawTextElements hold raw text up to their end tag; they are dropped.
var rawTextElements = set("script style textarea title xmp iframe noembed noframes noscript")

// droppedElements are left out with everything inside them.
var droppedElements = set("script style textarea title xmp iframe noembed noframes noscript plaintext template svg math object head")

var blockElements = set("p h1 h2 h3 h4 h5 h6 div blockquote pre hr table caption thead tbody tfoot tr section article aside header footer nav main figure figcaption address dl dt dd details summary fieldset legend form center hgroup search")

var listElements = set("ul ol menu dir")

// kind is what the sets above say of an element, found with one look-up
// of its name when its tag is read, rather than up to five look-ups of
// the name, in the parse and in the output.
type kind uint8

const (
	void kind = 1 << iota
	rawText
	dropped
	block
	list
)

var kinds = func() map[string]kind {
	m := map[string]kind{}
	for k, names := range map[kind]map[string]bool{void: voidElements, rawText: rawTextElements,
		dropped: droppedElements, block: blockElements, list: listElements} {
		for name := range names {
			m[name] |= k
		}
	}
	return m
}()

func set(words string) map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(words) {
		m[w] = true
	}
	return m
}

func isASCIILetter(c byte) bool { return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' }

func isHTMLSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r' }

// parseFragment builds a tree the way goldmark's output reads: start tags
// open elements, an end tag closes the nearest open element of its name (and
// those opened inside it), an end tag with no open element is ignored.
func parseFragment(s string) *node {
	p := fragmentParser{s: s, open: map[string]int{}}
	root := p.ns.new()
	root.tag = "#root"
	p.stack = []*node{root}
	i := 0
	for i < len(s) {
		lt := strings.IndexByte(s[i:], '<')
		if lt < 0 {
			break
		}
		i += lt
		rest := s[i:]
		switch {
		case strings.HasPrefix(rest, "<!--"):
			i = p.skip(i, commentLen(rest))
		case len(rest) >= 2 && (rest[1] == '!' || rest[1] == '?'):
			// Doctype, CDATA, processing instruction: a bogus comment to '>'.
			i = p.skip(i, toGT(rest))
		case len(rest) >= 2 && rest[1] == '/':
			i = p.endTag(i)
		case len(rest) >= 2 && isASCIILetter(rest[1]):
			i = p.startTag(i)
		default:
			i++ // a "<" that starts nothing: text
		}
	}
	p.flush(len(s))
	return root
}

// fragmentParser is the state of parseFragment: the elements open, by
// name too (so that a stray end tag costs nothing), and where the text
// since the last tag or comment starts. That text is always
// s[textStart:i], a "<" that starts nothing included: it is decoded from
// s as it is, without a copy when it holds no character reference.
type fragmentParser struct {
	s         string
	ns        nodes
	stack     []*node
	open      map[string]int
	textStart int
}

func (p *fragmentParser) top() *node { return p.stack[len(p.stack)-1] }

// flush adds the text up to end, if any, to the open element.
func (p *fragmentParser) flush(end int) {
	if end > p.textStart {
		n := p.ns.new()
		n.text = html.UnescapeString(p.s[p.textStart:end])
		p.top().add(n)
	}
}

// skip ends the text at i and skips the n bytes there; it returns where
// the text goes on.
func (p *fragmentParser) skip(i, n int) int {
	p.flush(i)
	p.textStart = i + n
	return p.textStart
}

// endTag reads the end tag at i, closing the nearest open element of its
// name, and returns where the text goes on.
func (p *fragmentParser) endTag(i int) int {
	rest := p.s[i:]
	if len(rest) < 3 || !isASCIILetter(rest[2]) {
		return p.skip(i, toGT(rest)) // "</>" and "</ x>" are dropped
	}
	name, n, _, _, ok := scanTag(rest[2:])
	if !ok {
		return p.skip(i, len(rest)) // EOF inside a tag: the tag is dropped
	}
	p.flush(i)             // the text before it goes in the element it closes
	for p.open[name] > 0 { // pop up to the nearest open element of that name
		last := p.top()
		p.stack = p.stack[:len(p.stack)-1]
		p.open[last.tag]--
		if last.tag == name {
			break
		}
	}
	p.textStart = i + 2 + n
	return p.textStart
}

// startTag reads the start tag at i, adding its element to the open one
// (and opening it, unless void or self-closing; a raw text element takes
// its text with it), and returns where the text goes on.
func (p *fragmentParser) startTag(i int) int {
	s := p.s
	name, n, selfClosing, start, ok := scanTag(s[i+1:])
	p.flush(i)
	if !ok {
		p.textStart = len(s) // EOF inside a tag: the tag is dropped
		return p.textStart
	}
	i += 1 + n
	k := kinds[name]
	el := p.ns.new()
	el.tag, el.kind, el.start = name, k, start
	p.top().add(el)
	switch {
	case name == "plaintext":
		i = len(s)
	case k&rawText != 0 && !selfClosing:
		i += rawTextLen(s[i:], name)
	case k&void == 0 && !selfClosing:
		p.stack = append(p.stack, el)
		p.open[name]++
	}
	p.textStart = i
	return i
}

// commentLen is the length of the comment at the start of s ("<!--"),
// ended as HTML ends it: "-->", "--!>", or at once for "<!-->" and "<!--->".
func commentLen(s string) int {
	body := s[4:]
	switch {
	case strings.HasPrefix(body, ">"):
		return 5
	case strings.HasPrefix(body, "->"):
		return 6
	}
	for j := 0; j < len(body); j++ {
		if body[j] != '-' || !strings.HasPrefix(body[j:], "--") {
			continue
		}
		if strings.HasPrefix(body[j:], "-->") {
			return 4 + j + 3
		}
		if strings.HasPrefix(body[j:], "--!>") {
			return 4 + j + 4
		}
	}
	return len(s)
}

// toGT is the length up to and including the first '>' (all of s if none).
func toGT(s string) int {
	if j := strings.IndexByte(s, '>'); j >= 0 {
		return j + 1
	}
	return len(s)
}

// rawTextLen is the length of a raw text element's content and end tag.
func rawTextLen(s, name string) int {
	for j := 0; j < len(s); j++ {
		if s[j] != '<' || j+2+len(name) > len(s) || s[j+1] != '/' {
			continue
		}
		if !strings.EqualFold(s[j+2:j+2+len(name)], name) {
			continue
		}
		k := j + 2 + len(name)
		if k == len(s) || isHTMLSpace(s[k]) || s[k] == '/' || s[k] == '>' {
			return k + toGT(s[k:])
		}
	}
	return len(s)
}

// scanTag reads a tag from its name (s starts with a letter) to its '>'. It
// returns the lower-case name, the length read up to and including '>',
// whether the tag ends with "/>", the value of its start attribute, and false
// when s ends before the tag does.
func scanTag(s string) (name string, n int, selfClosing bool, start string, ok bool) {
	j := 0
	for j < len(s) && !isHTMLSpace(s[j]) && s[j] != '/' && s[j] != '>' {
		j++
	}
	name = strings.ToLower(s[:j])
	seenStart, slash := false, false
	for j < len(s) {
		c := s[j]
		switch {
		case c == '>':
			return name, j + 1, slash, start, true
		case isHTMLSpace(c):
			slash = false
			j++
			continue
		case c == '/':
			slash = true
			j++
			continue
		}
		slash = false
		// An attribute: name, then optional = value.
		k := j + 1 // the first character of a name may be '='
		for k < len(s) && !isHTMLSpace(s[k]) && s[k] != '/' && s[k] != '>' && s[k] != '=' {
			k++
		}
		attr := strings.ToLower(s[j:k])
		j = k
		for j < len(s) && isHTMLSpace(s[j]) {
			j++
		}
		value := ""
		if j < len(s) && s[j] == '=' {
			j++
			for j < len(s) && isHTMLSpace(s[j]) {
				j++
			}
			switch {
			case j < len(s) && (s[j] == '"' || s[j] == '\''):
				q := s[j]
				e := strings.IndexByte(s[j+1:], q)
				if e < 0 {
					return name, len(s), false, start, false
				}
				value = s[j+1 : j+1+e]
				j += e + 2
			default:
				e := j
				for e < len(s) && !isHTMLSpace(s[e]) && s[e] != '>' {
					e++
				}
				value = s[j:e]
				j = e
			}
		}
		if attr == "start" && !seenStart {
			seenStart, start = true, value
		}
	}
	return name, len(s), false, start, false
}

// listStart reads an ol's start attribute like a browser: optional spaces
// and sign, then digits; 1 when there are none.
func listStart(raw string) int {
	s := strings.TrimLeft(html.UnescapeString(raw), " \t\n\f\r")
	neg := false
	if s != "" && (s[0] == '-' || s[0] == '+') {
		neg = s[0] == '-'
		s = s[1:]
	}
	j := 0
	for j < len(s) && '0' <= s[j] && s[j] <= '9' {
		j++
	}
	if j == 0 {
		return 1
	}
	n, err := strconv.Atoi(s[:j])
	if err != nil || n > 1_000_000_000 {
		n = 1_000_000_000
	}
	if neg {
		n = -n
	}
	return n
}

// ---------------------------------------------------------------- output

// open is an element open in the output: p (only at the top level), ul, li.
type open struct {
	tag       string
	implicit  bool // opened for stray content, not by an input element
	inline    bool // p, li: inline content written since the last break
	pendingBR bool // p, li: a line break is due before the next inline content
	space     bool // p, li: white space is due before the next inline content
	ordered   bool // ul: from an ol, items are numbered
	next      int  // ul: the next item's number
	written   bool // ul: "<ul>" written (it is, with its first item)
}

type renderer struct {
	b     strings.Builder
	stack []*open
	pre   int // inside pre: line feeds are line breaks
}

func (r *renderer) top() *open {
	if len(r.stack) == 0 {
		return nil
	}
	return r.stack[len(r.stack)-1]
}

func (r *renderer) closeTop() {
	e := r.stack[len(r.stack)-1]
	r.stack = r.stack[:len(r.stack)-1]
	switch e.tag {
	case "p":
		r.b.WriteString("</p>")
	case "li":
		r.b.WriteString("</li>")
	case "ul":
		if e.written {
			r.b.WriteString("</ul>")
		}
	}
}

func (r *renderer) closeTo(depth int) {
	for len(r.stack) > depth {
		r.closeTop()
	}
}

// boundary ends a block: it closes a paragraph, or asks for a line break in
// a list item.
func (r *renderer) boundary() {
	t := r.top()
	switch {
	case t == nil:
	case t.tag == "p":
		r.closeTop()
	case t.tag == "li":
		r.lineBreak()
	}
}

// lineBreak asks for a <br> before the next inline content, if there was
// inline content before it.
func (r *renderer) lineBreak() {
	if t := r.top(); t != nil && t.tag != "ul" && t.inline {
		t.inline, t.pendingBR, t.space = false, true, false
	}
}

// closeImplicitUL closes the lists opened for list items found outside any
// list: what follows them is outside too.
func (r *renderer) closeImplicitUL() {
	for t := r.top(); t != nil && t.tag == "ul" && t.implicit; t = r.top() {
		r.closeTop()
	}
}

// container makes sure a p or li is open for inline content.
func (r *renderer) container() *open {
	r.closeImplicitUL()
	switch t := r.top(); {
	case t == nil:
		r.stack = append(r.stack, &open{tag: "p", implicit: true})
		r.b.WriteString("<p>")
	case t.tag == "ul":
		r.openLI(true)
	}
	return r.top()
}

func (r *renderer) openList(ordered bool, start int) {
	r.closeImplicitUL()
	switch t := r.top(); {
	case t == nil:
	case t.tag == "p":
		r.closeTop()
	case t.tag == "li":
		t.inline, t.pendingBR, t.space = false, false, false
	case t.tag == "ul":
		r.openLI(true)
	}
	r.stack = append(r.stack, &open{tag: "ul", ordered: ordered, next: start})
}

// openLI opens a list item, in an implicit ul when no list is open.
func (r *renderer) openLI(implicit bool) {
	if !implicit {
		for t := r.top(); t != nil && t.implicit && (t.tag == "p" || t.tag == "li"); t = r.top() {
			r.closeTop()
		}
	}
	if t := r.top(); t == nil || t.tag != "ul" {
		if t != nil && t.tag == "p" {
			r.closeTop()
		}
		if t := r.top(); t != nil && t.tag == "li" {
			t.inline, t.pendingBR, t.space = false, false, false
		}
		r.stack = append(r.stack, &open{tag: "ul", implicit: true, next: 1})
	}
	ul := r.top()
	if !ul.written {
		r.b.WriteString("<ul>")
		ul.written = true
	}
	r.stack = append(r.stack, &open{tag: "li", implicit: implicit})
	r.b.WriteString("<li>")
	if ul.ordered && !implicit {
		r.b.WriteString(strconv.Itoa(ul.next))
		r.b.WriteString(".")
		r.top().space = true // "1. text", but "1." alone
		ul.next++
	}
}

func (r *renderer) text(s string) {
	if r.pre > 0 {
		for k, line := range strings.Split(s, "\n") {
			if k > 0 {
				r.lineBreak()
			}
			r.inlineText(line)
		}
		return
	}
	r.inlineText(s)
}

func (r *renderer) inlineText(s string) {
	s = cleanText(s)
	core := strings.TrimFunc(s, unicode.IsSpace)
	if core == "" {
		// White space counts only between inline content.
		if t := r.top(); s != "" && t != nil && t.tag != "ul" && t.inline {
			t.space = true
		}
		return
	}
	leading := len(strings.TrimLeftFunc(s, unicode.IsSpace)) < len(s)
	trailing := len(strings.TrimRightFunc(s, unicode.IsSpace)) < len(s)
	c := r.container()
	switch {
	case c.pendingBR:
		r.b.WriteString("<br>")
		c.pendingBR = false
	case c.space || c.inline && leading:
		r.b.WriteByte(' ')
	}
	escapeText(&r.b, core)
	c.inline, c.space = true, trailing
}

func (r *renderer) children(n *node) {
	for c := n.first; c != nil; c = c.next {
		r.node(c)
	}
}

func (r *renderer) node(n *node) {
	switch {
	case n.tag == "":
		r.text(n.text)
	case n.kind&dropped != 0:
	case n.tag == "br":
		r.lineBreak()
	case n.tag == "td" || n.tag == "th":
		r.lineBreak()
		r.children(n)
	case n.tag == "li":
		r.openLI(false)
		depth := len(r.stack) - 1
		r.children(n)
		r.closeTo(depth)
	case n.kind&list != 0:
		r.openList(n.tag == "ol", listStart(n.start))
		depth := len(r.stack) - 1
		r.children(n)
		r.closeTo(depth)
		if t := r.top(); t != nil && t.tag == "li" {
			t.inline, t.pendingBR, t.space = false, false, false
		}
	case n.kind&block != 0:
		r.boundary()
		if n.tag == "pre" {
			r.pre++
		}
		r.children(n)
		if n.tag == "pre" {
			r.pre--
		}
		r.boundary()
	default: // inline, void or unknown: its text only
		r.children(n)
	}
}

// cleanText drops control characters, except that tab, line feed and
// carriage return stay and the other white-space controls (form feed,
// vertical tab, NEL) become spaces; invalid UTF-8 becomes U+FFFD.
func cleanText(s string) string {
	if utf8.ValidString(s) && !hasOddControl(s) {
		return s // nearly always: a scan of the bytes, where the rune by rune one was a fifth of Simplify
	}
	s = strings.ToValidUTF8(s, "\uFFFD")
	if strings.IndexFunc(s, isOddControl) < 0 {
		return s
	}
	return strings.Map(func(r rune) rune {
		switch {
		case !isOddControl(r):
			return r
		case unicode.IsSpace(r):
			return ' '
		}
		return -1
	}, s)
}

// hasOddControl reports whether the valid UTF-8 s has a rune of
// isOddControl: unicode.IsControl is true of U+0000-U+001F and
// U+007F-U+009F only, the bytes 00-1F and 7F, and C2 80-C2 9F.
func hasOddControl(s string) bool {
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c < 0x20 && c != '\t' && c != '\n' && c != '\r', c == 0x7f:
			return true
		case c == 0xc2 && i+1 < len(s) && s[i+1] <= 0x9f:
			return true
		}
	}
	return false
}

func isOddControl(r rune) bool {
	return unicode.IsControl(r) && r != '\t' && r != '\n' && r != '\r'
}

func escapeText(b *strings.Builder, s string) {
	last := 0
	for i := 0; i < len(s); i++ {
		var esc string
		switch s[i] {
		case '&':
			esc = "&amp;"
		case '<':
			esc = "&#60;"
		case '>':
			esc = "&gt;"
		default:
			continue
		}
		b.WriteString(s[last:i])
		b.WriteString(esc)
		last = i + 1
	}
	b.WriteString(s[last:])
}

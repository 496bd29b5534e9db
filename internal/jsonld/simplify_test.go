package jsonld

import (
	"encoding/xml"
	"errors"
	"fmt"
	"html"
	"io"
	"math/rand/v2"
	"strconv"
	"strings"
	"testing"
	"unicode"
)

func TestSimplify(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"empty", "", ""},
		{"paragraphs", "<p>a</p>\n<p>b</p>\n", "<p>a</p><p>b</p>"},
		{"headings", "<h1>Titre</h1>\n<h2 id=\"x\">Missions</h2>\n<h6>z</h6>", "<p>Titre</p><p>Missions</p><p>z</p>"},
		{"inline", `<p><strong>gras</strong>, <em>it</em>, <code>x := 1</code>, <a href="https://e.org/?a=1&amp;b=2" title="t>">lien</a>, <del>d</del></p>`,
			"<p>gras, it, x := 1, lien, d</p>"},
		{"entities stay correct", "<p>R&amp;D &lt;p&gt; &quot;q&quot; &#39;s&#39; &eacute; &nbsp;x &#x1F600; AT&T</p>",
			"<p>R&amp;D &#60;p&gt; \"q\" 's' é \u00a0x 😀 AT&amp;T</p>"},
		{"tight list", "<ul>\n<li>un</li>\n<li>deux</li>\n</ul>", "<ul><li>un</li><li>deux</li></ul>"},
		{"loose list", "<ul>\n<li>\n<p>un</p>\n<p>suite</p>\n</li>\n<li>\n<p>deux</p>\n</li>\n</ul>",
			"<ul><li>un<br>suite</li><li>deux</li></ul>"},
		{"ordered list", "<ol>\n<li>un</li>\n<li>deux</li>\n</ol>", "<ul><li>1. un</li><li>2. deux</li></ul>"},
		{"ordered list start", "<ol start=\"7\">\n<li>sept</li>\n<li>huit</li>\n</ol>", "<ul><li>7. sept</li><li>8. huit</li></ul>"},
		{"nested lists", "<ol>\n<li>a\n<ul>\n<li>b</li>\n</ul>\n</li>\n<li>c</li>\n</ol>",
			"<ul><li>1. a<ul><li>b</li></ul></li><li>2. c</li></ul>"},
		{"hard break", "<p>ligne 1<br>\nligne 2<br />\nligne 3</p>", "<p>ligne 1<br>ligne 2<br>ligne 3</p>"},
		{"trailing and repeated breaks", "<p><br>a<br><br>b<br></p>", "<p>a<br>b</p>"},
		{"blockquote", "<blockquote>\n<p>cité</p>\n</blockquote>", "<p>cité</p>"},
		{"code block", "<pre><code class=\"language-go\">x := 1\ny := 2\n</code></pre>", "<p>x := 1<br>y := 2</p>"},
		{"thematic break", "<p>a</p>\n<hr>\n<p>b</p>", "<p>a</p><p>b</p>"},
		{"table", "<table>\n<thead>\n<tr>\n<th>Poste</th>\n<th>Salaire</th>\n</tr>\n</thead>\n<tbody>\n<tr>\n<td>A</td>\n<td>2 300 €</td>\n</tr>\n</tbody>\n</table>",
			"<p>Poste<br>Salaire</p><p>A<br>2 300 €</p>"},
		{"image and task list", "<p><img src=\"x.png\" alt=\"logo\"> texte</p><ul><li><input checked=\"\" disabled=\"\" type=\"checkbox\"> fait</li></ul>",
			"<p>texte</p><ul><li>fait</li></ul>"},
		{"raw html omitted", "<p>a</p>\n<!-- raw HTML omitted -->\n<p>b<!-- raw HTML omitted -->c</p>", "<p>a</p><p>bc</p>"},
		{"script and style dropped", "<p>a</p><script>document.write('<p>x</p>')</script><style>p{}</style><p>b</p>", "<p>a</p><p>b</p>"},
		{"script end tag case and spaces", "<p>a<SCRIPT type=x>1</script >b</p>", "<p>ab</p>"},
		{"comment forms", "a<!-->b<!--->c<!-- x --!>d<!-- -- -->e", "<p>abcde</p>"},
		{"doctype and cdata", "<!DOCTYPE html><?xml x?><![CDATA[hidden]]>t", "<p>t</p>"},
		{"stray text", "texte seul", "<p>texte seul</p>"},
		{"bare less-than", "<p>a < b, 3<4, <3</p>", "<p>a &#60; b, 3&#60;4, &#60;3</p>"},
		{"stray list item", "avant<li>x</li>après", "<p>avant</p><ul><li>x</li></ul><p>après</p>"},
		{"text in list", "<ul>x<li>y</li></ul>", "<ul><li>x</li><li>y</li></ul>"},
		{"list in paragraph", "<p>a<ul><li>b</li></ul>c</p>", "<p>a</p><ul><li>b</li></ul><p>c</p>"},
		{"unclosed", "<p>a<ul><li>b", "<p>a</p><ul><li>b</li></ul>"},
		{"unmatched end tags", "</p></li>a</ul>", "<p>a</p>"},
		{"eof in tag", "<p>a</p><a href=\"x", "<p>a</p>"},
		{"eof in comment", "<p>a</p><!-- b", "<p>a</p>"},
		{"attribute with gt", `<p title="a>b" data-x='c>d'>t</p>`, "<p>t</p>"},
		{"control characters", "<p>a\x00b\x07c\x7fd\u0085e</p>", "<p>abcd e</p>"},
		{"invalid utf-8", "<p>a\xffb</p>", "<p>a\ufffdb</p>"},
		{"whitespace only", "  \n<p> </p>\n<ul>\n</ul>\n", ""},
		{"u2028 kept as text", "<p>a\u2028b</p>", "<p>a\u2028b</p>"},
		{"already simple", "<p>a<br>b</p><ul><li>1. x</li></ul>", "<p>a<br>b</p><ul><li>1. x</li></ul>"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Simplify(tt.in)
			if got != tt.want {
				t.Errorf("Simplify(%q)\n got %q\nwant %q", tt.in, got, tt.want)
			}
			checkSimplified(t, tt.in, got)
		})
	}
}

// checkSimplified asserts the properties Simplify promises for any input.
func checkSimplified(t *testing.T, in, out string) {
	t.Helper()
	if err := validSimple(out); err != nil {
		t.Fatalf("Simplify(%q) = %q: %v", in, out, err)
	}
	if again := Simplify(out); again != out {
		t.Fatalf("not idempotent: Simplify(%q) = %q, then %q", in, out, again)
	}
	// A text holding one of visibleText's stand-ins, as it is or by a
	// reference (&#xE001;), is written so in the output, where visibleText
	// cannot read it back.
	if strings.ContainsAny(html.UnescapeString(in), standIns) {
		return
	}
	if want, ok := visibleText(in); ok {
		got, ok := visibleText(out)
		if !ok {
			t.Fatalf("output %q of %q does not parse", out, in)
		}
		if got != want {
			t.Fatalf("text changed: Simplify(%q) = %q\ninput text  %q\noutput text %q", in, out, want, got)
		}
	}
}

// validSimple checks that s holds only <p>, <ul>, <li>, <br> and their end
// tags, in a valid structure (p at the top level, li in ul, ul at the top
// level or in li, text and br in p or li, nothing empty, br between content),
// and only the entities &amp; &#60; &gt;.
func validSimple(s string) error {
	type elem struct {
		tag     string
		content bool // p, li: text since the start; ul: an item
		br      bool // the last thing written was a br
	}
	var stack []*elem
	top := func() *elem {
		if len(stack) == 0 {
			return nil
		}
		return stack[len(stack)-1]
	}
	inText := func() error {
		t := top()
		if t == nil || t.tag == "ul" {
			return errors.New("text outside p and li")
		}
		t.content, t.br = true, false
		return nil
	}
	for i := 0; i < len(s); {
		switch s[i] {
		case '<':
			var tag string
			for _, tg := range []string{"<p>", "</p>", "<ul>", "</ul>", "<li>", "</li>", "<br>"} {
				if strings.HasPrefix(s[i:], tg) {
					tag = tg
				}
			}
			t := top()
			switch tag {
			case "":
				return fmt.Errorf("unexpected markup at %d: %.20q", i, s[i:])
			case "<p>":
				if t != nil {
					return fmt.Errorf("<p> inside <%s> at %d", t.tag, i)
				}
				stack = append(stack, &elem{tag: "p"})
			case "<ul>":
				if t != nil && t.tag != "li" {
					return fmt.Errorf("<ul> inside <%s> at %d", t.tag, i)
				}
				if t != nil {
					if t.br {
						return fmt.Errorf("<br> before <ul> at %d", i)
					}
					t.content = true
				}
				stack = append(stack, &elem{tag: "ul"})
			case "<li>":
				if t == nil || t.tag != "ul" {
					return fmt.Errorf("<li> outside <ul> at %d", i)
				}
				t.content = true
				stack = append(stack, &elem{tag: "li"})
			case "<br>":
				if t == nil || t.tag == "ul" {
					return fmt.Errorf("<br> outside p and li at %d", i)
				}
				if !t.content || t.br {
					return fmt.Errorf("<br> with no content before it at %d", i)
				}
				t.br = true
			default: // end tags
				name := tag[2 : len(tag)-1]
				if t == nil || t.tag != name {
					return fmt.Errorf("%s does not close the open element at %d", tag, i)
				}
				if t.br {
					return fmt.Errorf("<br> at the end of <%s> at %d", name, i)
				}
				if name != "li" && !t.content {
					return fmt.Errorf("empty <%s> at %d", name, i)
				}
				stack = stack[:len(stack)-1]
			}
			i += len(tag)
		case '&':
			ok := false
			for _, e := range []string{"&amp;", "&#60;", "&gt;"} {
				ok = ok || strings.HasPrefix(s[i:], e)
			}
			if !ok {
				return fmt.Errorf("unexpected entity at %d: %.10q", i, s[i:])
			}
			if err := inText(); err != nil {
				return fmt.Errorf("%v at %d", err, i)
			}
			i += strings.IndexByte(s[i:], ';') + 1
		case '>':
			return fmt.Errorf("raw > at %d", i)
		default:
			j := strings.IndexAny(s[i:], "<&>")
			if j < 0 {
				j = len(s) - i
			}
			if strings.TrimFunc(s[i:i+j], unicode.IsSpace) != "" {
				if err := inText(); err != nil {
					return fmt.Errorf("%v at %d: %.20q", err, i, s[i:])
				}
			} else if t := top(); t == nil || t.tag == "ul" {
				return fmt.Errorf("white space outside p and li at %d", i)
			}
			i += j
		}
	}
	if len(stack) > 0 {
		return fmt.Errorf("<%s> not closed", top().tag)
	}
	return nil
}

// visibleText is an independent reading of s's text (encoding/xml, not
// Simplify's scanner) as Simplify promises to keep it: the text outside
// dropped elements, ol items numbered "N.", without white space and control
// characters. ok is false when s is not well formed enough for encoding/xml
// to read it the way an HTML parser does.
// standIns are the characters visibleText uses in place of others.
const standIns = "\uE000\uE001\uE002"

var (
	xmlNonchars  = strings.NewReplacer("\uFFFE", "\uE001", "\uFFFF", "\uE002")
	htmlNonchars = strings.NewReplacer("\uE001", "\uFFFE", "\uE002", "\uFFFF")
)

func visibleText(s string) (text string, ok bool) {
	const root = "jsonld-visible-text-root"
	const amp = "\uE000" // stands for '&', so that encoding/xml decodes no entity
	if strings.Contains(s, "<!") || strings.Contains(s, "<?") || strings.ContainsAny(s, standIns) || strings.Contains(s, root) {
		return "", false
	}
	// U+FFFE and U+FFFF are text to HTML (a reference &#xffff; gives one)
	// and no character to XML: they stand in for them while it decodes.
	s = xmlNonchars.Replace(s)
	d := xml.NewDecoder(strings.NewReader("<" + root + ">" + strings.ReplaceAll(s, "&", amp) + "</" + root + ">"))
	d.Strict = false
	d.AutoClose = xml.HTMLAutoClose
	type elem struct {
		name string
		next int // ol: the next item's number
	}
	var stack []*elem
	dropped, raw := 0, 0
	var b strings.Builder
	for {
		tok, err := d.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			return "", false
		}
		switch tok := tok.(type) {
		case xml.StartElement:
			name := strings.ToLower(tok.Name.Local)
			if tok.Name.Space != "" {
				name = strings.ToLower(tok.Name.Space) + ":" + name
			}
			if !isASCIILetter(name[0]) {
				return "", false // "<_>" is text to an HTML parser
			}
			if raw > 0 {
				// An HTML parser reads a script's content as text, not markup.
				return "", false
			}
			if rawTextElements[name] {
				raw++
			}
			if dropped > 0 || droppedElements[name] {
				dropped++
				continue
			}
			e := &elem{name: name}
			if name == "ol" {
				e.next = 1
				for _, a := range tok.Attr {
					if a.Name.Space == "" && strings.EqualFold(a.Name.Local, "start") {
						e.next = listStart(strings.ReplaceAll(a.Value, amp, "&"))
						break
					}
				}
			}
			if name == "li" {
				for j := len(stack) - 1; j >= 0; j-- {
					if p := stack[j]; p.name == "li" || listElements[p.name] {
						if p.name == "ol" {
							b.WriteString(strconv.Itoa(p.next) + ".")
							p.next++
						}
						break
					}
				}
			}
			stack = append(stack, e)
		case xml.EndElement:
			if raw > 0 {
				raw--
			}
			if dropped > 0 {
				dropped--
				continue
			}
			if len(stack) > 0 {
				stack = stack[:len(stack)-1]
			}
		case xml.CharData:
			if dropped == 0 {
				b.WriteString(htmlNonchars.Replace(html.UnescapeString(strings.ReplaceAll(string(tok), amp, "&"))))
			}
		}
	}
	return strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) || unicode.IsControl(r) {
			return -1
		}
		return r
	}, strings.ToValidUTF8(b.String(), "\uFFFD")), true
}

// goldmarkSamples are HTML as goldmark renders Markdown (with the GFM
// extensions), the seeds of the fuzzer.
var goldmarkSamples = []string{
	testDescriptionFR,
	testDescriptionEN,
	"<h2>Profil</h2>\n<ul>\n<li>Bac+3 <em>minimum</em></li>\n<li>Arabe et français : <strong>indispensables</strong></li>\n</ul>\n<p>Envoyez CV &amp; lettre à <a href=\"mailto:a@b.org\">a@b.org</a>.<br>\nMerci.</p>\n",
	"<ol start=\"2\">\n<li>\n<p>deux</p>\n<pre><code>code\n</code></pre>\n</li>\n<li>\n<p>trois</p>\n<ol>\n<li>a</li>\n</ol>\n</li>\n</ol>\n",
	"<table>\n<thead>\n<tr>\n<th align=\"left\">a</th>\n</tr>\n</thead>\n<tbody>\n<tr>\n<td align=\"left\">b &lt; c</td>\n</tr>\n</tbody>\n</table>\n",
	"<blockquote>\n<p>« Citation »</p>\n</blockquote>\n<hr>\n<p><img src=\"a.png\" alt=\"x\"><del>barré</del> <code>&lt;/script&gt;</code> &lt;!-- \u2028</p>\n<!-- raw HTML omitted -->\n",
	"<ul>\n<li><input checked=\"\" disabled=\"\" type=\"checkbox\"> fait</li>\n<li><input disabled=\"\" type=\"checkbox\"> à faire</li>\n</ul>\n",
	"<p>Note<sup id=\"fnref:1\"><a href=\"#fn:1\" class=\"footnote-ref\" role=\"doc-noteref\">1</a></sup></p>\n<div class=\"footnotes\" role=\"doc-endnotes\">\n<hr>\n<ol>\n<li id=\"fn:1\">\n<p>Texte&#160;<a href=\"#fnref:1\" class=\"footnote-backref\" role=\"doc-backlink\">&#x21a9;&#xfe0e;</a></p>\n</li>\n</ol>\n</div>\n",
	"<p>x<script>alert(1)</script><style>a{}</style><iframe src=x></iframe><template><p>t</p></template><svg><text>s</text></svg></p>",
	"<p>a<ul><li>b<li>c</ul>d</p><li>e</li>f<ol><ol><li>g</li></ol></ol>",
	"<P>Up</P><Ol START=' 3x'><LI>n</LI></Ol>",
	"<p>&amp &copy &notanentity; &#0; &#xD800; &#1114112;</p>",
}

func FuzzSimplify(f *testing.F) {
	for _, s := range goldmarkSamples {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, in string) {
		checkSimplified(t, in, Simplify(in))
	})
}

// randomHTML writes a random well-formed tree of the elements goldmark and
// raw HTML produce, so that the text comparison runs on many shapes.
func randomHTML(r *rand.Rand, b *strings.Builder, depth int) {
	tags := []string{"p", "h2", "ul", "ol", "li", "strong", "em", "a", "code", "blockquote", "pre", "table", "tr", "td",
		"div", "span", "script", "template", "del", "br", "hr", "img"}
	texts := []string{"texte", " ", "\n", "a &amp; b", "&lt;p&gt;", "&eacute;t&eacute;", "x\u2028y", "1 < 2", "« ok »", "&#60;/script&gt;"}
	for n := r.IntN(4); n >= 0; n-- {
		if depth > 5 || r.IntN(3) == 0 {
			b.WriteString(texts[r.IntN(len(texts))])
			continue
		}
		tag := tags[r.IntN(len(tags))]
		switch tag {
		case "br", "hr", "img":
			b.WriteString("<" + tag + ">")
			continue
		case "ol":
			if r.IntN(2) == 0 {
				fmt.Fprintf(b, "<ol start=\"%d\">", r.IntN(20)-5)
				randomHTML(r, b, depth+1)
				b.WriteString("</ol>")
				continue
			}
		}
		b.WriteString("<" + tag + ">")
		randomHTML(r, b, depth+1)
		b.WriteString("</" + tag + ">")
	}
}

func TestSimplifyRandomTrees(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	compared := 0
	for i := 0; i < 20000; i++ {
		var b strings.Builder
		randomHTML(r, &b, 0)
		in := b.String()
		if _, ok := visibleText(in); ok { // not with a bare '<' or a tag in a script
			compared++
		}
		checkSimplified(t, in, Simplify(in))
	}
	if compared < 2000 {
		t.Errorf("only %d inputs had their text compared", compared)
	}
	t.Logf("%d inputs, %d with their text compared", 20000, compared)
}

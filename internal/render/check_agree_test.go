package render

import (
	"bytes"
	"strings"
	"testing"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/text"

	"github.com/jobboard/jobboard/internal/content"
)

// FuzzCheckAgreesWithRender holds the checker to the renderer: every link
// the renderer publishes as a link to nothing (an empty href, for a link
// whose address was not empty) is an error of the check. The check once
// judged the address as written and the renderer the address with its
// character references decoded: [x](javascript&colon;alert(1)) passed the
// check and was published as <a href="">.
func FuzzCheckAgreesWithRender(f *testing.F) {
	for _, s := range []string{
		"[x](javascript&colon;alert(1))", "[x](jav&#x61;script:x)", "[x](javascript&#58;x)", "[x](&#106;avascript:x)",
		"[x](java&Tab;script:x)", "[x][r]\n\n[r]: javascript&colon;x", "<javascript&colon;x>", "[x](&#x64;ata:text/html,x)",
		"[x](file&colon;///etc/passwd)", "[x](VBScript&#x3A;x)", "[x](javascript:x)", "<JavaScript:x>", "[x](https://example.org)",
		"[x](<javascript&colon;x>)", "[x](data&colon;image/png;base64,AA)", "[x](data&colon;image/svg+xml,x)", "[a](javascript\\:x)",
	} {
		f.Add([]byte(s))
	}
	md := newMarkdown(2, nil)
	r := &Renderer{}
	f.Fuzz(func(t *testing.T, src []byte) {
		var out bytes.Buffer
		if err := md.Convert(src, &out); err != nil {
			return
		}
		emptied := strings.Count(out.String(), `<a href=""`)
		// Links written with no address are published with an empty href
		// too, rightly.
		doc := checkParser.Parse(text.NewReader(src))
		_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
			if l, ok := n.(*ast.Link); ok && entering && len(l.Destination) == 0 {
				emptied--
			}
			return ast.WalkContinue, nil
		})
		if emptied <= 0 {
			return
		}
		reported := 0
		for _, d := range r.checkMarkdown("posting.md", 1, src) {
			if d.Severity == content.Error && strings.Contains(d.Msg.String(), "is published as a link to nothing") {
				reported++
			}
		}
		if reported < emptied {
			t.Fatalf("%q is published as %q, with %d links to nothing, but the check reports %d", src, out.String(), emptied, reported)
		}
	})
}

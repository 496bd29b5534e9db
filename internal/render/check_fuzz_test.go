package render

import "testing"

// FuzzMayHaveFindings holds the quick answer of mayHaveFindings to the
// parse's: when it says there is nothing to find, parseAndCheckMarkdown
// finds nothing. The Renderer has no assets, so that every image is a
// finding too.
func FuzzMayHaveFindings(f *testing.F) {
	for _, s := range []string{
		"", "Plain text: a list,\n- one\n- two\n", "[a](https://example.org)", "[a](javascript:alert(1))",
		"[a](JavaScript:x)", "[a](javascript\\:x)", "[a](jav&#x61;script:x)", "[a][r]\n\n[r]: vbscript:x",
		"[a](file:///etc/passwd)", "[a](data:text/html,x)", "[a](data:image/png;base64,AA)", "![alt](logo.svg)",
		"![](x.png)", "<b>bold</b>", "<!-- comment -->", "<javascript:x>", "<https://example.org>", "a\\![b](c)",
		"[a](javascr\u0130pt:x)", "[a]( \tdata:x)", "* [a](\n  file:x)",
	} {
		f.Add([]byte(s))
	}
	r := &Renderer{}
	f.Fuzz(func(t *testing.T, src []byte) {
		if mayHaveFindings(src) {
			return
		}
		if ds := r.parseAndCheckMarkdown("posting.md", 1, src); len(ds) > 0 {
			t.Fatalf("mayHaveFindings(%q) is false, but the parse found %v", src, ds)
		}
	})
}

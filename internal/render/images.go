package render

import (
	"bytes"
	"net/url"
	"path"
	"regexp"
	"strings"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"

	"github.com/jobboard/jobboard/internal/content"
	"github.com/jobboard/jobboard/internal/msg"
)

// No page loads anything from another origin (content-format.md), and
// nothing written in a body silently disappears. Markdown can break both:
// an image is loaded by the reader's browser, and goldmark leaves out raw
// HTML and blanks links it finds dangerous. So an image is published only
// when it names a file of assets/, by the hashed address of the build
// (assetImages), and Check reports, at its line, every image that is not,
// every piece of raw HTML, and every link that would lead nowhere
// (checkMarkdown).

// assetImages is the goldmark transformer that gives every image naming a
// file of assets/ ("assets/photo.jpg" or "/assets/photo.jpg") its hashed
// address, and replaces every other image by its alt text: an image from
// another site never reaches the page, even where Check was not asked
// (closed postings, serve). It records the assets it used in the parser
// context, under usedAssetsKey, so that a body rendered by an earlier
// build is reused only while those assets keep their addresses.
type assetImages map[string]string // Options.Assets

var usedAssetsKey = parser.NewContextKey()

func (a assetImages) Transform(doc *ast.Document, _ text.Reader, pc parser.Context) {
	var imgs []*ast.Image
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if img, ok := n.(*ast.Image); ok && entering {
			imgs = append(imgs, img)
		}
		return ast.WalkContinue, nil
	})
	used := map[string]string{}
	for _, img := range imgs {
		name, hashed, problem := imageAsset(a, string(img.Destination))
		if problem.IsZero() {
			img.Destination = []byte(hashed)
			used[name] = hashed
			continue
		}
		if name != "" {
			// Not yet in assets/: the body is rendered again once it is.
			used[name] = ""
			if u, err := url.PathUnescape(name); err == nil {
				used[u] = ""
			}
		}
		parent := img.Parent()
		for c := img.FirstChild(); c != nil; {
			next := c.NextSibling()
			parent.InsertBefore(parent, img, c)
			c = next
		}
		parent.RemoveChild(parent, img)
	}
	pc.Set(usedAssetsKey, used)
}

const (
	imageFromAfar = "images must be files of assets/ (like assets/photo.jpg); an image from another site would tell that site who reads the posting"
	imageData     = "images must be files of assets/ (like assets/photo.jpg); a data: image is written out in full in the page, which makes every visit heavier"
)

// schemeRE finds an address with a scheme: "https:", "data:", "C:".
var schemeRE = regexp.MustCompile(`^[a-zA-Z][a-zA-Z0-9+.-]*:`)

// imageAsset resolves an image's destination to a file of assets/: its
// name there ("photo.jpg") and its hashed address; or says why it cannot,
// with the name when the file is missing from assets/.
func imageAsset(assets map[string]string, dest string) (name, hashed string, problem msg.Text) {
	d := strings.TrimSpace(dest)
	switch {
	case d == "":
		return "", "", msg.New("the image has no address; images must be files of assets/ (like assets/photo.jpg)")
	case strings.HasPrefix(strings.ToLower(d), "data:"):
		return "", "", msg.New(imageData)
	case schemeRE.MatchString(d), strings.HasPrefix(d, "//"), strings.HasPrefix(d, `\\`), strings.HasPrefix(d, `/\`):
		return "", "", msg.New(imageFromAfar)
	}
	p := path.Clean(strings.TrimPrefix(d, "/"))
	rel, ok := strings.CutPrefix(p, "assets/")
	if !ok {
		return "", "", msg.New("image %q: images must be files of assets/ (like assets/photo.jpg)", dest)
	}
	if h, ok := assets[rel]; ok {
		return rel, h, msg.Text{}
	}
	if u, err := url.PathUnescape(rel); err == nil {
		if h, ok := assets[u]; ok {
			return u, h, msg.Text{}
		}
	}
	return rel, "", msg.New("image %q: there is no file assets/%s", dest, rel)
}

// checkParser reads Markdown as the Renderer's goldmark does, without its
// transformers, which would hide the images they drop.
var checkParser = goldmark.DefaultParser()

// checkMarkdown reports what of the Markdown src, which starts on line
// bodyLine of file, would load something from another origin or not be
// published as written. Each problem is placed on the line of its node:
// a block's first line; for an inline node, the line of its first text, or
// of the end of the text before it, or else its block's first line.
func (r *Renderer) checkMarkdown(file string, bodyLine int, src []byte) content.Diagnostics {
	if !mayHaveFindings(src) {
		return nil
	}
	return r.parseAndCheckMarkdown(file, bodyLine, src)
}

// parseAndCheckMarkdown is checkMarkdown without its quick answer.
func (r *Renderer) parseAndCheckMarkdown(file string, bodyLine int, src []byte) content.Diagnostics {
	var ds content.Diagnostics
	doc := checkParser.Parse(text.NewReader(src))
	report := func(n ast.Node, sev content.Severity, format string, args ...any) {
		ds = append(ds, content.Diagnostic{File: file, Line: bodyLine + nodeLine(n, src),
			Severity: sev, Msg: msg.New(format, args...)})
	}
	rawLines := map[int]bool{} // one warning a line: <b>x</b> is two nodes
	rawHTML := func(n ast.Node) {
		line := nodeLine(n, src)
		if !rawLines[line] {
			rawLines[line] = true
			report(n, content.Warning, "raw HTML is not published; write it in Markdown")
		}
	}
	// deadLink judges a link's address as goldmark's renderer does: a
	// link's with its character references decoded (resolveRefs; so
	// javascript&colon;x is javascript:x), an autolink's as written. The
	// author is shown the address as written when it differs.
	deadLink := func(n ast.Node, dest []byte, resolveRefs bool) {
		judged := util.URLEscape(dest, resolveRefs)
		if !html.IsDangerousURL(judged) {
			return
		}
		scheme, _, _ := strings.Cut(strings.ToLower(string(judged)), ":")
		if written, _, _ := strings.Cut(strings.ToLower(string(dest)), ":"); written != scheme {
			report(n, content.Error, "a %s: link (written %s) is published as a link to nothing; link to a web page or an e-mail address", scheme, dest)
			return
		}
		report(n, content.Error, "a %s: link is published as a link to nothing; link to a web page or an e-mail address", scheme)
	}
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.Image:
			dest := string(n.Destination)
			if _, _, problem := imageAsset(r.opt.Assets, dest); !problem.IsZero() {
				report(n, content.Error, "%s", problem)
				return ast.WalkSkipChildren, nil
			}
			var alt strings.Builder
			plainText(&alt, n, src)
			if strings.TrimSpace(alt.String()) == "" {
				report(n, content.Warning, "image %q has no alt text; say what it shows between the brackets, ![what it shows](%s), for readers who cannot see it", dest, dest)
			}
		case *ast.Link:
			deadLink(n, n.Destination, true)
		case *ast.AutoLink:
			deadLink(n, n.URL(src), false)
		case *ast.HTMLBlock:
			// A comment is not published either, as its author meant.
			if n.HTMLBlockType != ast.HTMLBlockType2 {
				rawHTML(n)
			}
		case *ast.RawHTML:
			if seg := n.Segments; seg.Len() > 0 && !bytes.HasPrefix(src[seg.At(0).Start:], []byte("<!--")) {
				rawHTML(n)
			}
		}
		return ast.WalkContinue, nil
	})
	return ds
}

// mayHaveFindings says whether checkMarkdown could find anything in src.
// When it says no, it cannot: an image starts with "![", raw HTML and an
// autolink with "<"; a link to a scheme goldmark refuses (javascript:,
// vbscript:, file:, data:; see html.IsDangerousURL) has the scheme's name
// and colon in the text, with maybe a backslash before the colon (the
// renderer drops it; see deadLink), unless they are written as character
// references, which start with "&". Most postings have
// none of these, and their check, a goldmark parse that found nothing,
// was a sixteenth of the CPU of a build from empty at 10,000 postings.
// FuzzMayHaveFindings holds it to parseAndCheckMarkdown.
func mayHaveFindings(src []byte) bool {
	if bytes.IndexByte(src, '<') >= 0 || bytes.IndexByte(src, '&') >= 0 || bytes.Contains(src, []byte("![")) {
		return true
	}
	for i := 0; ; i++ {
		colon := bytes.IndexByte(src[i:], ':')
		if colon < 0 {
			return false
		}
		i += colon
		before := bytes.TrimSuffix(src[:i], []byte{'\\'})
		for _, scheme := range refusedSchemes {
			if len(before) >= len(scheme) && asciiEqualFold(before[len(before)-len(scheme):], scheme) {
				return true
			}
		}
	}
}

var refusedSchemes = []string{"javascript", "vbscript", "file", "data"}

// asciiEqualFold is b == s, ASCII letters of either case equal. That is
// how html.IsDangerousURL compares: it lower-cases the address's first
// bytes, as many as the scheme's, and a character that lower-cases to an
// ASCII letter (İ to i, the Kelvin sign to k) is longer than it, so only
// ASCII letters can match.
func asciiEqualFold(b []byte, s string) bool {
	for i := range len(s) {
		if b[i]|0x20 != s[i] { // s is lower-case letters
			return false
		}
	}
	return true
}

// nodeLine is the line of src, counted from 0, where n is, as well as
// goldmark tells: links and images have no position of their own.
func nodeLine(n ast.Node, src []byte) int {
	lineOf := func(off int) int { return bytes.Count(src[:min(off, len(src))], []byte("\n")) }
	if off, ok := firstOffset(n); ok {
		return lineOf(off)
	}
	for s := n.PreviousSibling(); s != nil; s = s.PreviousSibling() {
		if stop, lineBreak, ok := lastStop(s); ok {
			if lineBreak {
				return lineOf(stop) + 1 // n starts after the line break
			}
			return lineOf(stop)
		}
	}
	if p := n.Parent(); p != nil {
		return nodeLine(p, src)
	}
	return 0
}

// firstOffset is where the first text of n starts.
func firstOffset(n ast.Node) (int, bool) {
	switch t := n.(type) {
	case *ast.Text:
		return t.Segment.Start, true
	case *ast.RawHTML:
		if t.Segments.Len() > 0 {
			return t.Segments.At(0).Start, true
		}
	}
	if n.Type() == ast.TypeBlock && n.Lines().Len() > 0 {
		return n.Lines().At(0).Start, true
	}
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		if off, ok := firstOffset(c); ok {
			return off, true
		}
	}
	return 0, false
}

// lastStop is where the last text of n ends, and whether a line break
// follows it.
func lastStop(n ast.Node) (int, bool, bool) {
	switch t := n.(type) {
	case *ast.Text:
		return t.Segment.Stop, t.SoftLineBreak() || t.HardLineBreak(), true
	case *ast.RawHTML:
		if l := t.Segments.Len(); l > 0 {
			return t.Segments.At(l - 1).Stop, false, true
		}
	}
	for c := n.LastChild(); c != nil; c = c.PreviousSibling() {
		if stop, lb, ok := lastStop(c); ok {
			return stop, lb, true
		}
	}
	return 0, false, false
}

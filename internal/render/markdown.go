package render

import (
	"bytes"
	"html/template"
	"strings"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"

	"github.com/jobboard/jobboard/internal/content"
)

// newMarkdown configures goldmark once per Renderer. It keeps goldmark's
// defaults, CommonMark and no raw HTML: an HTML tag written in a posting is
// left out (replaced by a comment), because postings are written by people
// we trust with words, not with markup. Heading levels are raised so that a
// posting's "# Title" cannot compete with the page's h1 (minLevel 2), and an
// employer's description sits under the page's "About" h2 (minLevel 3).
// Images are published only from assets, by their hashed address (see
// assetImages).
func newMarkdown(minLevel int, assets map[string]string) goldmark.Markdown {
	return goldmark.New(goldmark.WithParserOptions(
		parser.WithASTTransformers(util.Prioritized(headingFloor(minLevel), 100), util.Prioritized(assetImages(assets), 200)),
	))
}

// headingFloor moves every heading down by the same number of levels so
// that the highest one is at least at the floor: a body whose top headings
// are "##" keeps its levels; one that uses "#" has each heading one level
// lower, so its outline is kept.
type headingFloor int

func (f headingFloor) Transform(doc *ast.Document, _ text.Reader, _ parser.Context) {
	top := 7
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if h, ok := n.(*ast.Heading); ok && entering && h.Level < top {
			top = h.Level
		}
		return ast.WalkContinue, nil
	})
	shift := int(f) - top
	if top == 7 || shift <= 0 {
		return
	}
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if h, ok := n.(*ast.Heading); ok && entering {
			h.Level = min(h.Level+shift, 6)
		}
		return ast.WalkContinue, nil
	})
}

// rendered is a translation's Markdown turned into HTML and summary text,
// kept by the hash of its file, with the hashed addresses of the assets
// its images show.
type rendered struct {
	html     template.HTML
	summary  string
	assets   map[string]string
	released bool // html was let go (Release): only the summary is kept
}

// markdown renders src with md, and says which assets its images show.
// Goldmark's writer to a bytes.Buffer cannot fail; an error would be a bug
// in goldmark, and the text is then shown as is, escaped, rather than lost.
func markdown(md goldmark.Markdown, src []byte) (template.HTML, map[string]string) {
	var b bytes.Buffer
	pc := parser.NewContext()
	if err := md.Convert(src, &b, parser.WithContext(pc)); err != nil {
		return template.HTML("<pre>" + template.HTMLEscapeString(string(src)) + "</pre>"), nil
	}
	used, _ := pc.Get(usedAssetsKey).(map[string]string)
	return template.HTML(b.String()), used
}

// BodyHTML is the body of a translation as HTML, rendered once per file
// content (tr.Hash) and shared by every caller.
//
// In French, the spaces before : ; ! ? and inside « » are narrow no-break
// spaces (see frenchHTML): the cache keeps the text as written, the same
// for every language.
func (r *Renderer) BodyHTML(tr *content.Translation) template.HTML {
	return frenchHTML(tr.Lang, r.renderText(tr, true).html)
}

// Release lets go of the HTML of tr's body, keeping its summary: a build
// that has written everything showing it calls Release, so that no body's
// HTML stays in memory for the rest of the build. A later BodyHTML renders
// it again, and does not keep it.
func (r *Renderer) Release(tr *content.Translation) {
	if v, ok := r.bodies.Load(tr.Hash); ok {
		if old := v.(*rendered); !old.released {
			r.bodies.CompareAndSwap(tr.Hash, old, &rendered{summary: old.summary, assets: old.assets, released: true})
		}
	}
}

// Summary is the translation's summary, or the plain text of its body's
// first paragraph when the front matter gives none: for <meta
// name="description">, list pages and feeds.
func (r *Renderer) Summary(tr *content.Translation) string {
	if tr.Summary != "" {
		return frenchText(tr.Lang, tr.Summary)
	}
	return frenchText(tr.Lang, r.renderText(tr, false).summary)
}

// KnowSummary gives r the summary of the body of the file whose hash is
// hash, worked out by an earlier run (`jobboard build` keeps them from one
// build to the next): a list of postings then shows the summary of a
// posting whose page was not rendered again without a goldmark render of
// its body. The summary is plain text, the same whatever the addresses of
// the assets are. A body rendered already keeps its own.
func (r *Renderer) KnowSummary(hash uint64, summary string) {
	r.bodies.LoadOrStore(hash, &rendered{summary: summary, released: true})
}

// source is the Markdown of tr: its Body, or when the Body was let go,
// what Options.Text gives back. When that fails, Err says why and ok is
// false.
func (r *Renderer) source(tr *content.Translation) (src []byte, ok bool) {
	if tr.Body != nil || r.opt.Text == nil {
		return tr.Body, true
	}
	src, err := r.opt.Text(tr)
	if err != nil {
		r.textErr.CompareAndSwap(nil, &err)
		return nil, false
	}
	return src, true
}

// renderText is tr's body rendered, from the cache when it holds it (and
// its HTML, when needHTML).
func (r *Renderer) renderText(tr *content.Translation, needHTML bool) *rendered {
	key := tr.Hash
	released := false
	if v, ok := r.bodies.Load(key); ok && r.sameAssets(v.(*rendered).assets) {
		if !needHTML || !v.(*rendered).released {
			return v.(*rendered)
		}
		released = true
	}
	src, ok := r.source(tr)
	if !ok {
		return &rendered{} // not kept: the build fails
	}
	html, summary, used := renderBody(r.bodyMD, src)
	v := &rendered{html: html, summary: summary, assets: used}
	if released {
		// Let go once: asked for again (the Atom feeds, after the pages),
		// the HTML is not kept, so that memory stays flat.
		return v
	}
	if actual, loaded := r.bodies.LoadOrStore(key, v); loaded && r.sameAssets(actual.(*rendered).assets) && !actual.(*rendered).released {
		return actual.(*rendered)
	}
	// An earlier build's, whose images have other addresses now.
	r.bodies.Store(key, v)
	return v
}

// sameAssets reports whether every asset of used still has its address.
func (r *Renderer) sameAssets(used map[string]string) bool {
	for name, hashed := range used {
		if r.opt.Assets[name] != hashed {
			return false
		}
	}
	return true
}

// renderBody is markdown and firstParagraph with one parse of src (the
// parse is half of goldmark's work, and every posting's body is rendered).
func renderBody(md goldmark.Markdown, src []byte) (template.HTML, string, map[string]string) {
	pc := parser.NewContext()
	doc := md.Parser().Parse(text.NewReader(src), parser.WithContext(pc))
	summary := paragraphText(doc, src)
	// The HTML is about as long as the Markdown, with its tags: grown by
	// doubling from nothing, then copied into a string, a body took five
	// times its length in garbage.
	var b strings.Builder
	b.Grow(len(src) + len(src)/4 + 256)
	if err := md.Renderer().Render(&b, src, doc); err != nil {
		return template.HTML("<pre>" + template.HTMLEscapeString(string(src)) + "</pre>"), summary, nil
	}
	used, _ := pc.Get(usedAssetsKey).(map[string]string)
	return template.HTML(b.String()), summary, used
}

// paragraphText is the plain text of the first paragraph of doc, parsed
// from src.
func paragraphText(doc ast.Node, src []byte) string {
	var b strings.Builder
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if p, ok := n.(*ast.Paragraph); ok && entering {
			plainText(&b, p, src)
			return ast.WalkStop, nil
		}
		return ast.WalkContinue, nil
	})
	return strings.Join(strings.Fields(b.String()), " ")
}

func plainText(b *strings.Builder, n ast.Node, src []byte) {
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		switch t := c.(type) {
		case *ast.Text:
			b.Write(t.Segment.Value(src))
			if t.SoftLineBreak() || t.HardLineBreak() {
				b.WriteByte(' ')
			}
		case *ast.String:
			b.Write(t.Value)
		case *ast.CodeSpan:
			plainText(b, c, src)
		case *ast.RawHTML:
			// left out, as in the HTML
		default:
			plainText(b, c, src)
		}
	}
}

// OrganizationHTML is an employer's description in lang as HTML; it falls
// back to the default language when the employer has no text in lang.
func (r *Renderer) OrganizationHTML(org *content.Organization, lang string) template.HTML {
	ot := org.Text[lang]
	if ot == nil {
		ot = org.Text[r.cs.DefaultLanguage()]
	}
	if ot == nil {
		return ""
	}
	key := org.Key + "\x00" + ot.Lang
	if v, ok := r.orgs.Load(key); ok {
		return v.(template.HTML)
	}
	html, _ := markdown(r.orgMD, ot.Body)
	html = frenchHTML(ot.Lang, html)
	v, _ := r.orgs.LoadOrStore(key, html)
	return v.(template.HTML)
}

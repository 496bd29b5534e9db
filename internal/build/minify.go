package build

import (
	"bytes"
	"regexp"

	"github.com/tdewolff/minify/v2"
	"github.com/tdewolff/minify/v2/css"
	"github.com/tdewolff/minify/v2/html"
	"github.com/tdewolff/minify/v2/json"
	"github.com/tdewolff/minify/v2/svg"
	"github.com/tdewolff/minify/v2/xml"
)

// minifier shrinks output by media type; when off it passes bytes through,
// which keeps output readable for debugging.
type minifier struct {
	m *minify.M
}

func newMinifier(on bool) *minifier {
	if !on {
		return &minifier{}
	}
	m := minify.New()
	// Keep the document and end tags: the output stays easy to read for the
	// simple HTML parsers of aggregators and checkers, for a few bytes.
	// The HTML minified is that of the layouts, with their template
	// actions, left as they are (see html).
	m.Add("text/html", &html.Minifier{KeepDocumentTags: true, KeepEndTags: true, KeepQuotes: true, TemplateDelims: html.GoTemplateDelims})
	m.AddFunc("text/css", css.Minify)
	m.AddFunc("image/svg+xml", svg.Minify)
	// JSON-LD inside pages is left as jsonld.Marshal writes it, compact:
	// the HTML minifier hands a script's body to the minifier of its type,
	// and the JSON one, which would only write 31000 as 31e3 (a float to
	// some readers), took 1% of a build's CPU. JSON files are minified.
	m.AddRegexp(regexp.MustCompile(`^(application|text)/(x-)?json$`), &json.Minifier{})
	m.AddRegexp(regexp.MustCompile(`^(application|text)/(.+\+)?xml$`), &xml.Minifier{KeepWhitespace: false})
	return &minifier{m: m}
}

// bytes minifies data of media type mediatype into buf and returns the
// result; with minification off it returns data itself.
func (m *minifier) bytes(buf *bytes.Buffer, mediatype string, data []byte) ([]byte, error) {
	if m.m == nil {
		return data, nil
	}
	buf.Reset()
	// A *bytes.Buffer hands the minifier its bytes; a bytes.Reader would
	// make it copy the whole input first (io.ReadAll: 1.2 GB at 10,000
	// postings).
	if err := m.m.Minify(mediatype, buf, bytes.NewBuffer(data)); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// html minifies HTML that may hold Go template actions ({{...}}), leaving
// them as they are: the layouts, once when they are parsed
// (render.Options.Minify). nil when minification is off. Pages are not
// minified whole.
func (m *minifier) html() func(string) (string, error) {
	if m.m == nil {
		return nil
	}
	return func(s string) (string, error) { return m.m.String("text/html", s) }
}

package feeds

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"io"
	"strings"

	"github.com/jobboard/jobboard/internal/content"
)

// Namespaces of the sitemap.
const (
	SitemapNS = "http://www.sitemaps.org/schemas/sitemap/0.9"
	XHTMLNS   = "http://www.w3.org/1999/xhtml"
)

// The sitemaps.org limits of one sitemap file: <url> elements, and bytes
// uncompressed. A site past them has a sitemap index (WriteSitemapIndex)
// listing sitemaps of at most these (SplitSitemap).
const (
	MaxSitemapURLs  = 50000
	MaxSitemapBytes = 50 << 20
)

// Alternate is one hreflang alternate of a page. The caller includes the
// x-default alternate (Lang "x-default") and, as Google asks, the page itself.
type Alternate struct {
	Lang, URL string
}

// SitemapURL is one <url> of the sitemap.
type SitemapURL struct {
	Loc        string
	LastMod    content.Date // zero: no <lastmod>
	Alternates []Alternate
}

type xmlURLSet struct {
	XMLName xml.Name `xml:"http://www.sitemaps.org/schemas/sitemap/0.9 urlset"`
	XHTML   string   `xml:"xmlns:xhtml,attr"`
	URLs    []xmlURL `xml:"url"`
}

// xmlURL keeps the XSD's order: loc, lastmod, then the xhtml:link elements.
type xmlURL struct {
	Loc     string     `xml:"loc"`
	LastMod string     `xml:"lastmod,omitempty"`
	Links   []xmlXLink `xml:"xhtml:link"`
}

type xmlXLink struct {
	Rel      string `xml:"rel,attr"`
	Hreflang string `xml:"hreflang,attr"`
	Href     string `xml:"href,attr"`
}

// WriteSitemap writes a sitemaps.org <urlset> with one <url> per element of
// urls, in the order given, each with its <lastmod> (when set) followed by its
// <xhtml:link rel="alternate"> elements.
func WriteSitemap(w io.Writer, urls []SitemapURL) error {
	e := errs{prefix: "feeds: sitemap"}
	if len(urls) > MaxSitemapURLs {
		e.add("%d URLs, more than the %d one sitemap may hold", len(urls), MaxSitemapURLs)
	}
	set := xmlURLSet{XHTML: XHTMLNS, URLs: make([]xmlURL, 0, len(urls))}
	seen := make(map[string]int, len(urls))
	for i, u := range urls {
		x := xmlURL{Loc: clean(u.Loc)}
		if err := absoluteURL(x.Loc); err != nil {
			e.add("url %d: loc: %v", i, err)
		} else if j, dup := seen[x.Loc]; dup {
			e.add("url %d: loc %q is already url %d", i, x.Loc, j)
		} else {
			seen[x.Loc] = i
		}
		if !u.LastMod.IsZero() {
			s, err := date(u.LastMod)
			if err != nil {
				e.add("url %d: lastmod: %v", i, err)
			}
			x.LastMod = s
		}
		for k, a := range u.Alternates {
			l := xmlXLink{Rel: "alternate", Hreflang: clean(a.Lang), Href: clean(a.URL)}
			if l.Hreflang == "" || strings.ContainsAny(l.Hreflang, " \t\r\n") {
				e.add("url %d: alternate %d: hreflang %q is not a language tag", i, k, l.Hreflang)
			}
			if err := absoluteURL(l.Href); err != nil {
				e.add("url %d: alternate %d: href: %v", i, k, err)
			}
			x.Links = append(x.Links, l)
		}
		set.URLs = append(set.URLs, x)
	}
	if len(urls) == 0 {
		e.add("no URL (the XSD requires at least one <url>)")
	}
	if err := e.err(); err != nil {
		return err
	}
	return writeXMLWithin(w, set, "sitemap")
}

// SitemapRef is one <sitemap> of a sitemap index: a sitemap file's
// address, and the newest lastmod of its URLs.
type SitemapRef struct {
	Loc     string
	LastMod content.Date // zero: no <lastmod>
}

type xmlSitemapIndex struct {
	XMLName  xml.Name        `xml:"http://www.sitemaps.org/schemas/sitemap/0.9 sitemapindex"`
	Sitemaps []xmlSitemapRef `xml:"sitemap"`
}

type xmlSitemapRef struct {
	Loc     string `xml:"loc"`
	LastMod string `xml:"lastmod,omitempty"`
}

// WriteSitemapIndex writes a sitemaps.org <sitemapindex> listing refs, in
// the order given.
func WriteSitemapIndex(w io.Writer, refs []SitemapRef) error {
	e := errs{prefix: "feeds: sitemap index"}
	if len(refs) == 0 || len(refs) > MaxSitemapURLs {
		e.add("%d sitemaps; an index lists 1 to %d", len(refs), MaxSitemapURLs)
	}
	idx := xmlSitemapIndex{Sitemaps: make([]xmlSitemapRef, 0, len(refs))}
	for i, r := range refs {
		x := xmlSitemapRef{Loc: clean(r.Loc)}
		if err := absoluteURL(x.Loc); err != nil {
			e.add("sitemap %d: loc: %v", i, err)
		}
		if !r.LastMod.IsZero() {
			s, err := date(r.LastMod)
			if err != nil {
				e.add("sitemap %d: lastmod: %v", i, err)
			}
			x.LastMod = s
		}
		idx.Sitemaps = append(idx.Sitemaps, x)
	}
	if err := e.err(); err != nil {
		return err
	}
	return writeXMLWithin(w, idx, "sitemap index")
}

// SplitSitemap cuts urls into sitemaps of at most perFile URLs each, in
// order, and gives the reference of each, at the address loc(i) of the
// i-th from 1, dated by its newest lastmod.
func SplitSitemap(urls []SitemapURL, perFile int, loc func(i int) string) ([][]SitemapURL, []SitemapRef) {
	perFile = max(1, min(perFile, MaxSitemapURLs))
	var parts [][]SitemapURL
	var refs []SitemapRef
	for i := 0; i < len(urls); i += perFile {
		part := urls[i:min(i+perFile, len(urls))]
		ref := SitemapRef{Loc: loc(len(parts) + 1)}
		for _, u := range part {
			if u.LastMod.After(ref.LastMod) {
				ref.LastMod = u.LastMod
			}
		}
		parts, refs = append(parts, part), append(refs, ref)
	}
	return parts, refs
}

// date formats d as YYYY-MM-DD.
func date(d content.Date) (string, error) {
	if d.Year < 0 || d.Year > 9999 {
		return "", fmt.Errorf("year %d is out of range", d.Year)
	}
	return d.String(), nil
}

// writeXMLWithin is writeXML for a sitemap or an index, which must stay
// within MaxSitemapBytes.
func writeXMLWithin(w io.Writer, v any, what string) error {
	var buf bytes.Buffer
	if err := writeXML(&buf, v); err != nil {
		return err
	}
	if buf.Len() > MaxSitemapBytes {
		return fmt.Errorf("feeds: %s: %d bytes, more than the %d one file may hold", what, buf.Len(), MaxSitemapBytes)
	}
	_, err := w.Write(buf.Bytes())
	return err
}

// writeXML writes the XML declaration and v, indented, then a final newline.
func writeXML(w io.Writer, v any) error {
	var buf bytes.Buffer
	buf.WriteString(`<?xml version="1.0" encoding="utf-8"?>` + "\n")
	enc := xml.NewEncoder(&buf)
	enc.Indent("", "  ")
	if err := enc.Encode(v); err != nil {
		return err
	}
	buf.WriteByte('\n')
	_, err := w.Write(buf.Bytes())
	return err
}

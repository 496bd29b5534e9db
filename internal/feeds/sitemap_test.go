package feeds

import (
	"bytes"
	"encoding/xml"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/jobboard/jobboard/internal/content"
)

// Decoding structs, written independently of the writer's.
type smURLSet struct {
	XMLName xml.Name `xml:"http://www.sitemaps.org/schemas/sitemap/0.9 urlset"`
	URLs    []smURL  `xml:"http://www.sitemaps.org/schemas/sitemap/0.9 url"`
}

type smURL struct {
	Loc     string   `xml:"http://www.sitemaps.org/schemas/sitemap/0.9 loc"`
	LastMod string   `xml:"http://www.sitemaps.org/schemas/sitemap/0.9 lastmod"`
	Links   []smLink `xml:"http://www.w3.org/1999/xhtml link"`
}

type smLink struct {
	Rel      string `xml:"rel,attr"`
	Hreflang string `xml:"hreflang,attr"`
	Href     string `xml:"href,attr"`
}

var sitemapCases = []struct {
	name string
	urls []SitemapURL
}{
	{"sample", sampleSitemap()},
	{"one url, no lastmod, no alternates", []SitemapURL{{Loc: "https://example.org/"}}},
	{"escaping", []SitemapURL{{
		Loc:     "https://example.org/a?x=1&y=<2>&z=\"q\"&w='s'",
		LastMod: day(2026, 12, 31),
		Alternates: []Alternate{
			{"fr-CA", "https://example.org/fr?x=1&y=<2>"},
			{"x-default", "https://example.org/?q=\"'"},
		},
	}}},
	{"invalid characters dropped", []SitemapURL{{
		Loc:        "https://example.org/\x00a\x7fb\xff",
		LastMod:    day(2025, 1, 2),
		Alternates: []Alternate{{"e\x01n", "https://example.org/\u0085en"}},
	}}},
	{"alternates order kept", []SitemapURL{{
		Loc: "https://example.org/en/",
		Alternates: []Alternate{
			{"x-default", "https://example.org/"}, {"zh-Hant", "https://example.org/zh/"}, {"ar", "https://example.org/ar/"},
		},
	}}},
}

func TestSitemapRoundTrip(t *testing.T) {
	for _, tc := range sitemapCases {
		t.Run(tc.name, func(t *testing.T) {
			var b bytes.Buffer
			if err := WriteSitemap(&b, tc.urls); err != nil {
				t.Fatal(err)
			}
			if !strings.HasPrefix(b.String(), `<?xml version="1.0" encoding="utf-8"?>`+"\n") {
				t.Errorf("no XML declaration:\n%s", b.String())
			}
			var got smURLSet
			if err := xml.Unmarshal(b.Bytes(), &got); err != nil {
				t.Fatalf("decoding: %v\n%s", err, b.String())
			}
			if len(got.URLs) != len(tc.urls) {
				t.Fatalf("%d <url>, want %d", len(got.URLs), len(tc.urls))
			}
			for i, in := range tc.urls {
				g := got.URLs[i]
				if g.Loc != clean(in.Loc) {
					t.Errorf("url %d: loc %q, want %q", i, g.Loc, clean(in.Loc))
				}
				want := ""
				if !in.LastMod.IsZero() {
					want = in.LastMod.String()
				}
				if g.LastMod != want {
					t.Errorf("url %d: lastmod %q, want %q", i, g.LastMod, want)
				}
				var wantLinks []smLink
				for _, a := range in.Alternates {
					wantLinks = append(wantLinks, smLink{"alternate", clean(a.Lang), clean(a.URL)})
				}
				if !slices.Equal(g.Links, wantLinks) {
					t.Errorf("url %d: links %q, want %q", i, g.Links, wantLinks)
				}
			}
			checkSitemapOrder(t, b.Bytes())
		})
	}
}

// checkSitemapOrder asserts what the XSD asks, without xmllint: in each <url>,
// loc first, then lastmod, then only xhtml:link elements.
func checkSitemapOrder(t *testing.T, data []byte) {
	t.Helper()
	d := xml.NewDecoder(bytes.NewReader(data))
	var names []string
	depth := 0
	for {
		tok, err := d.Token()
		if err != nil {
			break
		}
		switch tok := tok.(type) {
		case xml.StartElement:
			depth++
			if depth == 2 {
				names = nil
			}
			if depth == 3 {
				names = append(names, tok.Name.Space+" "+tok.Name.Local)
			}
		case xml.EndElement:
			if depth == 2 {
				seq := strings.Join(names, ",")
				seq = strings.ReplaceAll(seq, XHTMLNS+" link", "L")
				seq = strings.ReplaceAll(seq, SitemapNS+" ", "")
				ok := strings.HasPrefix(seq, "loc")
				rest := strings.TrimPrefix(strings.TrimPrefix(seq, "loc"), ",lastmod")
				for _, r := range strings.Split(strings.TrimPrefix(rest, ","), ",") {
					ok = ok && (r == "L" || r == "")
				}
				if !ok {
					t.Errorf("<url> children %s: want loc, lastmod, then xhtml:link only", seq)
				}
			}
			depth--
		}
	}
}

func TestSitemapXSD(t *testing.T) {
	needXmllint(t)
	schema := []string{"--schema", "testdata/sitemap-wrapper.xsd"}
	for _, tc := range sitemapCases {
		t.Run(tc.name, func(t *testing.T) {
			var b bytes.Buffer
			if err := WriteSitemap(&b, tc.urls); err != nil {
				t.Fatal(err)
			}
			xmllint(t, b.Bytes(), schema...)
		})
	}
	// The schema check has teeth: an xhtml:link before <lastmod> is refused.
	bad := `<?xml version="1.0" encoding="utf-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml">
  <url><loc>https://example.org/</loc><xhtml:link rel="alternate" hreflang="fr" href="https://example.org/fr/"/><lastmod>2025-01-01</lastmod></url>
</urlset>
`
	if _, err := runXmllint(t, []byte(bad), schema...); err == nil {
		t.Error("xmllint accepted an xhtml:link before <lastmod>: the schema check is not effective")
	}
}

func TestSitemapErrors(t *testing.T) {
	good := sampleSitemap()
	for _, tc := range []struct {
		name string
		urls []SitemapURL
	}{
		{"empty", nil},
		{"relative loc", []SitemapURL{{Loc: "/fr/"}}},
		{"empty loc", []SitemapURL{{Loc: "\x00"}}},
		{"duplicate loc", []SitemapURL{good[1], good[1]}},
		{"relative alternate", []SitemapURL{{Loc: "https://example.org/", Alternates: []Alternate{{"fr", "/fr/"}}}}},
		{"empty hreflang", []SitemapURL{{Loc: "https://example.org/", Alternates: []Alternate{{"", "https://example.org/fr/"}}}}},
		{"year out of range", []SitemapURL{{Loc: "https://example.org/", LastMod: day(10000, 1, 1)}}},
		{"too many", make([]SitemapURL, MaxSitemapURLs+1)},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var b bytes.Buffer
			err := WriteSitemap(&b, tc.urls)
			if err == nil {
				t.Fatalf("no error; wrote\n%s", b.String())
			}
			if b.Len() > 0 {
				t.Errorf("wrote %d bytes despite the error %v", b.Len(), err)
			}
		})
	}
}

type smIndex struct {
	XMLName  xml.Name `xml:"http://www.sitemaps.org/schemas/sitemap/0.9 sitemapindex"`
	Sitemaps []struct {
		Loc     string `xml:"http://www.sitemaps.org/schemas/sitemap/0.9 loc"`
		LastMod string `xml:"http://www.sitemaps.org/schemas/sitemap/0.9 lastmod"`
	} `xml:"http://www.sitemaps.org/schemas/sitemap/0.9 sitemap"`
}

// TestSplitSitemap: URLs cut into sitemaps of at most perFile each, in
// order, every URL in exactly one, each sitemap dated by its newest URL;
// the index written lists them, parsed back.
func TestSplitSitemap(t *testing.T) {
	var urls []SitemapURL
	for i := range 7 {
		urls = append(urls, SitemapURL{Loc: "https://jobs.example.org/fr/p" + string(rune('a'+i)) + "/",
			LastMod: content.Date{Year: 2026, Month: time.Month(1 + (i*5)%7), Day: 1}})
	}
	loc := func(i int) string { return "https://jobs.example.org/sitemap-" + strconv.Itoa(i) + ".xml" }
	for perFile := 1; perFile <= 8; perFile++ {
		parts, refs := SplitSitemap(urls, perFile, loc)
		var all []SitemapURL
		for i, p := range parts {
			if len(p) == 0 || len(p) > perFile {
				t.Errorf("per %d: part %d holds %d URLs", perFile, i+1, len(p))
			}
			var newest content.Date
			for _, u := range p {
				if u.LastMod.After(newest) {
					newest = u.LastMod
				}
			}
			if refs[i].LastMod != newest || refs[i].Loc != loc(i+1) {
				t.Errorf("per %d: part %d referenced as %+v, want %s dated %s", perFile, i+1, refs[i], loc(i+1), newest)
			}
			all = append(all, p...)
		}
		if !slices.EqualFunc(all, urls, func(a, b SitemapURL) bool { return a.Loc == b.Loc }) {
			t.Errorf("per %d: the parts do not hold every URL once, in order", perFile)
		}
		var buf bytes.Buffer
		if err := WriteSitemapIndex(&buf, refs); err != nil {
			t.Fatal(err)
		}
		var idx smIndex
		if err := xml.Unmarshal(buf.Bytes(), &idx); err != nil {
			t.Fatal(err)
		}
		if len(idx.Sitemaps) != len(refs) || idx.Sitemaps[0].Loc != loc(1) || idx.Sitemaps[0].LastMod != refs[0].LastMod.String() {
			t.Errorf("per %d: index %+v, want %+v", perFile, idx.Sitemaps, refs)
		}
	}
	if err := WriteSitemapIndex(&bytes.Buffer{}, nil); err == nil {
		t.Error("an index of no sitemap was written")
	}
	if err := WriteSitemapIndex(&bytes.Buffer{}, []SitemapRef{{Loc: "sitemap-1.xml"}}); err == nil {
		t.Error("an index with a relative loc was written")
	}
}

// TestSitemapIndexXSD: an index written is valid against the sitemaps.org
// schema of index files; and the check has teeth.
func TestSitemapIndexXSD(t *testing.T) {
	needXmllint(t)
	schema := []string{"--schema", "testdata/siteindex.xsd"}
	var b bytes.Buffer
	refs := []SitemapRef{{Loc: "https://jobs.example.org/sitemap-1.xml", LastMod: content.Date{Year: 2026, Month: 11, Day: 25}},
		{Loc: "https://jobs.example.org/sitemap-2.xml"}}
	if err := WriteSitemapIndex(&b, refs); err != nil {
		t.Fatal(err)
	}
	xmllint(t, b.Bytes(), schema...)
	bad := strings.Replace(b.String(), "<loc>", "<lastmod>2026-11-25</lastmod><loc>", 1)
	if _, err := runXmllint(t, []byte(bad), schema...); err == nil {
		t.Error("xmllint accepted a <lastmod> before <loc>: the schema check is not effective")
	}
}

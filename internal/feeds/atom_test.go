package feeds

import (
	"bytes"
	"encoding/xml"
	"slices"
	"strings"
	"testing"
	"time"
)

// Decoding structs for Atom, independent of the writer's.
type atFeed struct {
	XMLName  xml.Name  `xml:"http://www.w3.org/2005/Atom feed"`
	Lang     string    `xml:"http://www.w3.org/XML/1998/namespace lang,attr"`
	IDs      []string  `xml:"http://www.w3.org/2005/Atom id"`
	Titles   []atText  `xml:"http://www.w3.org/2005/Atom title"`
	Subtitle *atText   `xml:"http://www.w3.org/2005/Atom subtitle"`
	Updated  []string  `xml:"http://www.w3.org/2005/Atom updated"`
	Authors  []atAuth  `xml:"http://www.w3.org/2005/Atom author"`
	Links    []atLink  `xml:"http://www.w3.org/2005/Atom link"`
	Entries  []atEntry `xml:"http://www.w3.org/2005/Atom entry"`
}

type atEntry struct {
	Lang       string   `xml:"http://www.w3.org/XML/1998/namespace lang,attr"`
	IDs        []string `xml:"http://www.w3.org/2005/Atom id"`
	Titles     []atText `xml:"http://www.w3.org/2005/Atom title"`
	Updated    []string `xml:"http://www.w3.org/2005/Atom updated"`
	Published  []string `xml:"http://www.w3.org/2005/Atom published"`
	Authors    []atAuth `xml:"http://www.w3.org/2005/Atom author"`
	Links      []atLink `xml:"http://www.w3.org/2005/Atom link"`
	Summary    *atText  `xml:"http://www.w3.org/2005/Atom summary"`
	Content    *atText  `xml:"http://www.w3.org/2005/Atom content"`
	Categories []struct {
		Term string `xml:"term,attr"`
	} `xml:"http://www.w3.org/2005/Atom category"`
}

type atText struct {
	Type string `xml:"type,attr"`
	Body string `xml:",chardata"`
}

type atAuth struct {
	Name []string `xml:"http://www.w3.org/2005/Atom name"`
	URI  string   `xml:"http://www.w3.org/2005/Atom uri"`
}

type atLink struct {
	Rel      string `xml:"rel,attr"`
	Type     string `xml:"type,attr"`
	Hreflang string `xml:"hreflang,attr"`
	Href     string `xml:"href,attr"`
}

func atomCases() []struct {
	name string
	feed AtomFeed
} {
	s := sampleAtom()
	empty := s
	empty.Entries = nil
	empty.AltURL = ""
	nastyFeed := s
	nastyFeed.Title = nasty
	nastyFeed.Subtitle = nasty + "\r\n\tline"
	nastyFeed.Entries = []AtomEntry{{
		Title:       nasty,
		URL:         "https://example.org/a?b=1&c=<2>",
		Summary:     nasty + "\r\nsecond line",
		ContentHTML: "<p>" + nasty + "</p>\n<p>&amp;</p>",
		Updated:     time.Date(2025, 5, 1, 12, 0, 0, 999, time.UTC),
		Categories:  []string{nasty, "a\nb"},
	}}
	same := s
	same.Entries = []AtomEntry{s.Entries[0], s.Entries[0]}
	same.Entries[1].URL = "https://emplois.ecpat-france.org/fr/autre/"
	same.Entries[1].Updated = same.Entries[0].Updated.Add(-time.Hour)
	return []struct {
		name string
		feed AtomFeed
	}{
		{"sample", s},
		{"no entries", empty},
		{"escaping and invalid characters", nastyFeed},
		{"older entry last", same},
	}
}

func TestAtomRoundTrip(t *testing.T) {
	for _, tc := range atomCases() {
		t.Run(tc.name, func(t *testing.T) {
			in := tc.feed
			var b bytes.Buffer
			if err := WriteAtom(&b, in); err != nil {
				t.Fatal(err)
			}
			var got atFeed
			if err := xml.Unmarshal(b.Bytes(), &got); err != nil {
				t.Fatalf("decoding: %v\n%s", err, b.String())
			}
			eq := func(what, got, want string) {
				t.Helper()
				if got != want {
					t.Errorf("%s = %q, want %q", what, got, want)
				}
			}
			eq("feed xml:lang", got.Lang, in.Lang)
			eq("feed id", strings.Join(got.IDs, "|"), in.ID)
			eq("feed title", got.Titles[0].Body, clean(in.Title))
			eq("feed subtitle", got.Subtitle.Body, clean(in.Subtitle))
			eq("author", got.Authors[0].Name[0]+" "+got.Authors[0].URI, in.AuthorName+" "+in.AuthorURI)
			wantLinks := []atLink{{"self", "application/atom+xml", "", in.SelfURL}}
			if in.AltURL != "" {
				wantLinks = append(wantLinks, atLink{"alternate", "text/html", in.Lang, in.AltURL})
			}
			if !slices.Equal(got.Links, wantLinks) {
				t.Errorf("feed links %q, want %q", got.Links, wantLinks)
			}
			// Feed updated: the newest entry's, or in.Updated without entries.
			wantUpdated := in.Updated
			if len(in.Entries) > 0 {
				wantUpdated = time.Time{}
				for _, e := range in.Entries {
					if u := updatedOf(e); u.After(wantUpdated) {
						wantUpdated = u
					}
				}
			}
			sameInstant(t, "feed updated", got.Updated[0], wantUpdated)

			if len(got.Entries) != len(in.Entries) {
				t.Fatalf("%d entries, want %d", len(got.Entries), len(in.Entries))
			}
			for i, e := range in.Entries {
				g := got.Entries[i]
				wantID := e.ID
				if wantID == "" {
					wantID = clean(e.URL)
				}
				eq("entry id", g.IDs[0], wantID)
				eq("entry title", g.Titles[0].Body, clean(e.Title))
				eq("entry title type", g.Titles[0].Type, "text")
				lang := ""
				if e.Lang != in.Lang {
					lang = e.Lang
				}
				eq("entry xml:lang", g.Lang, lang)
				hreflang := in.Lang
				if e.Lang != "" {
					hreflang = e.Lang
				}
				if want := []atLink{{"alternate", "text/html", hreflang, clean(e.URL)}}; !slices.Equal(g.Links, want) {
					t.Errorf("entry %d: links %q, want %q", i, g.Links, want)
				}
				sameInstant(t, "entry updated", g.Updated[0], updatedOf(e))
				if e.Published.IsZero() {
					if len(g.Published) != 0 {
						t.Errorf("entry %d: published %q, want none", i, g.Published)
					}
				} else {
					sameInstant(t, "entry published", g.Published[0], e.Published)
				}
				if e.Summary != "" {
					eq("summary", g.Summary.Type+" "+g.Summary.Body, "text "+clean(e.Summary))
				}
				if e.ContentHTML != "" {
					eq("content", g.Content.Type+" "+g.Content.Body, "html "+clean(e.ContentHTML))
				}
				var cats []string
				for _, c := range g.Categories {
					cats = append(cats, c.Term)
				}
				var wantCats []string
				for _, c := range e.Categories {
					wantCats = append(wantCats, clean(c))
				}
				if !slices.Equal(cats, wantCats) {
					t.Errorf("entry %d: categories %q, want %q", i, cats, wantCats)
				}
			}
		})
	}
}

func updatedOf(e AtomEntry) time.Time {
	if e.Updated.IsZero() {
		return e.Published
	}
	return e.Updated
}

// sameInstant checks that s is RFC 3339 with an explicit offset and names
// want to the second, in want's offset.
func sameInstant(t *testing.T, what, s string, want time.Time) {
	t.Helper()
	got, err := time.Parse(time.RFC3339, s)
	if err != nil {
		t.Errorf("%s %q: %v", what, s, err)
		return
	}
	want = want.Truncate(time.Second)
	_, gotOff := got.Zone()
	_, wantOff := want.Zone()
	if !got.Equal(want) || gotOff != wantOff {
		t.Errorf("%s = %s, want %s", what, s, want.Format(time.RFC3339))
	}
}

// checkAtom asserts RFC 4287's structural rules on a written feed.
func checkAtom(t *testing.T, data []byte) {
	t.Helper()
	var f atFeed
	if err := xml.Unmarshal(data, &f); err != nil {
		t.Fatalf("not well-formed Atom: %v", err)
	}
	one := func(what string, n int) {
		t.Helper()
		if n != 1 {
			t.Errorf("%s: %d, want exactly 1", what, n)
		}
	}
	date := func(what string, v []string) {
		t.Helper()
		for _, s := range v {
			if _, err := time.Parse(time.RFC3339, s); err != nil {
				t.Errorf("%s %q is not RFC 3339: %v", what, s, err)
			}
		}
	}
	iriOK := func(what, s string) {
		t.Helper()
		if i := strings.Index(s, ":"); i <= 0 || s != strings.TrimSpace(s) {
			t.Errorf("%s %q is not an absolute IRI", what, s)
		}
	}
	one("feed atom:id", len(f.IDs))
	one("feed atom:title", len(f.Titles))
	one("feed atom:updated", len(f.Updated))
	date("feed atom:updated", f.Updated)
	for _, id := range f.IDs {
		iriOK("feed atom:id", id)
	}
	feedAuthor := len(f.Authors) > 0
	for _, a := range f.Authors {
		one("feed author name", len(a.Name))
	}
	self := 0
	alternates := map[string]bool{}
	for _, l := range f.Links {
		if l.Href == "" {
			t.Errorf("feed link without href: %+v", l)
		}
		switch l.Rel {
		case "self":
			self++
			if l.Type != "application/atom+xml" {
				t.Errorf("self link type %q", l.Type)
			}
		case "alternate":
			key := l.Type + " " + l.Hreflang
			if alternates[key] {
				t.Errorf("two feed alternate links with type and hreflang %q", key)
			}
			alternates[key] = true
		}
	}
	one("feed rel=self link", self)
	ids := map[string]bool{}
	for i, e := range f.Entries {
		one("entry atom:id", len(e.IDs))
		one("entry atom:title", len(e.Titles))
		one("entry atom:updated", len(e.Updated))
		date("entry atom:updated", e.Updated)
		date("entry atom:published", e.Published)
		if len(e.Published) > 1 {
			t.Errorf("entry %d: %d atom:published", i, len(e.Published))
		}
		if !feedAuthor && len(e.Authors) == 0 {
			t.Errorf("entry %d: no author, and the feed has none", i)
		}
		for _, id := range e.IDs {
			iriOK("entry atom:id", id)
			if ids[id] {
				t.Errorf("entry %d: id %q is not unique", i, id)
			}
			ids[id] = true
		}
		alt := 0
		for _, l := range e.Links {
			if l.Rel == "alternate" || l.Rel == "" {
				alt++
				if l.Type != "text/html" {
					t.Errorf("entry %d: alternate link type %q, want text/html", i, l.Type)
				}
			}
		}
		one("entry alternate link", alt)
		for _, tx := range append(append([]atText{}, e.Titles...), derefs(e.Summary, e.Content)...) {
			if tx.Type != "text" && tx.Type != "html" {
				t.Errorf("entry %d: text construct type %q", i, tx.Type)
			}
		}
	}
}

func derefs(ts ...*atText) []atText {
	var out []atText
	for _, t := range ts {
		if t != nil {
			out = append(out, *t)
		}
	}
	return out
}

func TestAtomValid(t *testing.T) {
	for _, tc := range atomCases() {
		t.Run(tc.name, func(t *testing.T) {
			var b bytes.Buffer
			if err := WriteAtom(&b, tc.feed); err != nil {
				t.Fatal(err)
			}
			checkAtom(t, b.Bytes())
			xmllint(t, b.Bytes()) // well-formed, when xmllint is there
		})
	}
}

func TestAtomUpdated(t *testing.T) {
	at := func(h int) time.Time { return time.Date(2025, 4, 1, h, 0, 0, 0, paris) }
	base := AtomFeed{ID: "https://x.example/fr/", Title: "t", AuthorName: "a", SelfURL: "https://x.example/fr/feed.xml", Updated: at(1)}
	entry := func(n string, pub, up time.Time) AtomEntry {
		return AtomEntry{Title: n, URL: "https://x.example/fr/" + n + "/", Published: pub, Updated: up}
	}
	for _, tc := range []struct {
		name    string
		entries []AtomEntry
		want    string
	}{
		{"no entries: the given time", nil, "2025-04-01T01:00:00+02:00"},
		{"newest updated, not first", []AtomEntry{entry("a", at(2), time.Time{}), entry("b", at(1), at(5))}, "2025-04-01T05:00:00+02:00"},
		{"published when not updated", []AtomEntry{entry("a", at(7), time.Time{})}, "2025-04-01T07:00:00+02:00"},
		{"UTC stays Z", []AtomEntry{entry("a", time.Date(2025, 4, 1, 3, 4, 5, 6, time.UTC), time.Time{})}, "2025-04-01T03:04:05Z"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f := base
			f.Entries = tc.entries
			var b bytes.Buffer
			if err := WriteAtom(&b, f); err != nil {
				t.Fatal(err)
			}
			var got atFeed
			if err := xml.Unmarshal(b.Bytes(), &got); err != nil {
				t.Fatal(err)
			}
			if got.Updated[0] != tc.want {
				t.Errorf("feed updated %q, want %q", got.Updated[0], tc.want)
			}
		})
	}
}

func TestAtomErrors(t *testing.T) {
	for _, tc := range []struct {
		name   string
		change func(*AtomFeed)
	}{
		{"no feed id", func(f *AtomFeed) { f.ID = "" }},
		{"relative feed id", func(f *AtomFeed) { f.ID = "/fr/" }},
		{"no title", func(f *AtomFeed) { f.Title = "\x00" }},
		{"no author", func(f *AtomFeed) { f.AuthorName = "" }},
		{"no self link", func(f *AtomFeed) { f.SelfURL = "" }},
		{"relative alternate", func(f *AtomFeed) { f.AltURL = "/fr/" }},
		{"no updated, no entries", func(f *AtomFeed) { f.Entries = nil; f.Updated = time.Time{} }},
		{"entry without URL", func(f *AtomFeed) { f.Entries[0].URL = "" }},
		{"entry without title", func(f *AtomFeed) { f.Entries[0].Title = "" }},
		{"entry without dates", func(f *AtomFeed) { f.Entries[0].Updated, f.Entries[0].Published = time.Time{}, time.Time{} }},
		{"duplicate ids", func(f *AtomFeed) { f.Entries[1].ID = f.Entries[0].URL }},
		{"empty category", func(f *AtomFeed) { f.Entries[0].Categories = []string{""} }},
		{"year out of range", func(f *AtomFeed) { f.Entries[0].Published = time.Date(10000, 1, 1, 0, 0, 0, 0, time.UTC) }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f := sampleAtom()
			tc.change(&f)
			var b bytes.Buffer
			err := WriteAtom(&b, f)
			if err == nil {
				t.Fatalf("no error; wrote\n%s", b.String())
			}
			if b.Len() > 0 {
				t.Errorf("wrote %d bytes despite the error %v", b.Len(), err)
			}
		})
	}
}

package feeds

import (
	"encoding/xml"
	"io"
	"time"
)

// AtomNS is the Atom 1.0 namespace.
const AtomNS = "http://www.w3.org/2005/Atom"

// AtomEntry is one posting of an Atom feed.
type AtomEntry struct {
	ID          string    // atom:id; empty: URL is the id
	Title       string    // plain text
	URL         string    // the posting page: the entry's one alternate link
	Summary     string    // plain text; empty: no <summary>
	ContentHTML string    // HTML, written as <content type="html">; empty: no <content>
	Published   time.Time // zero: no <published>
	Updated     time.Time // zero: Published
	Lang        string    // xml:lang and hreflang, when it differs from the feed's
	Categories  []string  // <category term>, in order
}

// AtomFeed is one Atom feed; Entries are written in the order given (the
// caller puts the newest first).
type AtomFeed struct {
	ID, Title, Subtitle string
	Lang                string // xml:lang of the feed
	SelfURL, AltURL     string // the feed itself; the HTML page it mirrors (empty: no alternate link)
	AuthorName          string // required: entries have no author of their own
	AuthorURI           string
	Updated             time.Time // used only when there is no entry
	Entries             []AtomEntry
}

type atomFeed struct {
	XMLName  xml.Name    `xml:"http://www.w3.org/2005/Atom feed"`
	Lang     string      `xml:"http://www.w3.org/XML/1998/namespace lang,attr,omitempty"`
	ID       string      `xml:"id"`
	Title    atomText    `xml:"title"`
	Subtitle *atomText   `xml:"subtitle,omitempty"`
	Updated  string      `xml:"updated"`
	Author   atomPerson  `xml:"author"`
	Links    []atomLink  `xml:"link"`
	Entries  []atomEntry `xml:"entry"`
}

type atomEntry struct {
	Lang       string         `xml:"http://www.w3.org/XML/1998/namespace lang,attr,omitempty"`
	ID         string         `xml:"id"`
	Title      atomText       `xml:"title"`
	Updated    string         `xml:"updated"`
	Published  string         `xml:"published,omitempty"`
	Link       atomLink       `xml:"link"`
	Categories []atomCategory `xml:"category"`
	Summary    *atomText      `xml:"summary,omitempty"`
	Content    *atomText      `xml:"content,omitempty"`
}

type atomText struct {
	Type string `xml:"type,attr"`
	Body string `xml:",chardata"`
}

type atomPerson struct {
	Name string `xml:"name"`
	URI  string `xml:"uri,omitempty"`
}

type atomLink struct {
	Rel      string `xml:"rel,attr"`
	Type     string `xml:"type,attr"`
	Hreflang string `xml:"hreflang,attr,omitempty"`
	Href     string `xml:"href,attr"`
}

type atomCategory struct {
	Term string `xml:"term,attr"`
}

// WriteAtom writes f as an Atom 1.0 feed (RFC 4287).
func WriteAtom(w io.Writer, f AtomFeed) error {
	e := errs{prefix: "feeds: atom"}
	lang := clean(f.Lang)
	x := atomFeed{
		Lang:   lang,
		ID:     clean(f.ID),
		Title:  atomText{Type: "text", Body: clean(f.Title)},
		Author: atomPerson{Name: clean(f.AuthorName), URI: clean(f.AuthorURI)},
	}
	if err := iri(x.ID); err != nil {
		e.add("feed id: %v", err)
	}
	if x.Title.Body == "" {
		e.add("feed title is empty")
	}
	if s := clean(f.Subtitle); s != "" {
		x.Subtitle = &atomText{Type: "text", Body: s}
	}
	if x.Author.Name == "" {
		e.add("author name is empty")
	}
	if x.Author.URI != "" {
		if err := iri(x.Author.URI); err != nil {
			e.add("author uri: %v", err)
		}
	}
	self := atomLink{Rel: "self", Type: "application/atom+xml", Href: clean(f.SelfURL)}
	if err := absoluteURL(self.Href); err != nil {
		e.add("self link: %v", err)
	}
	x.Links = append(x.Links, self)
	if alt := clean(f.AltURL); alt != "" {
		if err := absoluteURL(alt); err != nil {
			e.add("alternate link: %v", err)
		}
		x.Links = append(x.Links, atomLink{Rel: "alternate", Type: "text/html", Hreflang: lang, Href: alt})
	}

	updated := f.Updated
	if len(f.Entries) > 0 {
		updated = time.Time{}
	}
	ids := make(map[string]int, len(f.Entries))
	for i, in := range f.Entries {
		en := atomEntry{
			ID:    clean(in.ID),
			Title: atomText{Type: "text", Body: clean(in.Title)},
			Link:  atomLink{Rel: "alternate", Type: "text/html", Href: clean(in.URL)},
		}
		en.Link.Hreflang = lang
		if l := clean(in.Lang); l != "" && l != lang {
			en.Lang = l
			en.Link.Hreflang = l
		}
		if err := absoluteURL(en.Link.Href); err != nil {
			e.add("entry %d: url: %v", i, err)
		}
		if en.ID == "" {
			en.ID = en.Link.Href
		}
		if err := iri(en.ID); err != nil {
			e.add("entry %d: id: %v", i, err)
		} else if j, dup := ids[en.ID]; dup {
			e.add("entry %d: id %q is already entry %d's", i, en.ID, j)
		} else {
			ids[en.ID] = i
		}
		if en.Title.Body == "" {
			e.add("entry %d: title is empty", i)
		}
		up := in.Updated
		if up.IsZero() {
			up = in.Published
		}
		if up.IsZero() {
			e.add("entry %d: neither updated nor published is set", i)
		} else if s, err := rfc3339(up); err != nil {
			e.add("entry %d: updated: %v", i, err)
		} else {
			en.Updated = s
			if updated.IsZero() || up.After(updated) {
				updated = up
			}
		}
		if !in.Published.IsZero() {
			s, err := rfc3339(in.Published)
			if err != nil {
				e.add("entry %d: published: %v", i, err)
			}
			en.Published = s
		}
		for k, c := range in.Categories {
			c = clean(c)
			if c == "" {
				e.add("entry %d: category %d is empty", i, k)
			}
			en.Categories = append(en.Categories, atomCategory{Term: c})
		}
		if s := clean(in.Summary); s != "" {
			en.Summary = &atomText{Type: "text", Body: s}
		}
		if s := clean(in.ContentHTML); s != "" {
			en.Content = &atomText{Type: "html", Body: s}
		}
		x.Entries = append(x.Entries, en)
	}
	if updated.IsZero() {
		if len(f.Entries) == 0 {
			e.add("feed updated is zero and there is no entry")
		}
	} else if s, err := rfc3339(updated); err != nil {
		e.add("feed updated: %v", err)
	} else {
		x.Updated = s
	}
	if err := e.err(); err != nil {
		return err
	}
	return writeXML(w, x)
}

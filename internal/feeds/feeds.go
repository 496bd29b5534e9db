// Package feeds writes the machine-readable files of the built site: the
// sitemap (/sitemap.xml), /robots.txt, one Atom feed per language
// (/<lang>/feed.xml) and the Indeed-style job feed (/jobs.xml).
//
// The package is pure: every writer takes plain values (the caller, the build
// stage, decides every URL and which postings are open), writes to an
// io.Writer, and keeps no global state. The same input gives the same bytes:
// nothing iterates a map into the output, slices are written in the order
// given, and times are formatted in the location they carry. Each writer
// checks its whole input first and, on error, writes nothing.
//
// Why the formats look the way they do:
//
//   - Sitemap: the sitemaps.org 0.9 XSD declares <url> as the sequence loc,
//     lastmod, changefreq, priority followed by a strict xsd:any from other
//     namespaces, so the <xhtml:link rel="alternate" hreflang href> elements
//     must come last in each <url>, after <lastmod>, or the file does not
//     validate. lastmod is a plain date (YYYY-MM-DD): Google uses it as a
//     crawl signal only while it is accurate, and the content has day
//     precision. The caller lists the alternates, x-default included.
//   - robots.txt lists the sitemap with a Sitemap: line, now that Google's
//     sitemap "ping" endpoint is gone.
//   - Atom (RFC 4287): feed id, title, updated and author are required (the
//     feed-level author covers every entry, which has none of its own); each
//     entry has id, title, updated, published, exactly one alternate link
//     (text/html) to the posting page, a text summary and the description as
//     content type="html". Dates are RFC 3339 with the time's own offset.
//     Ids: an entry's ID when given, otherwise its URL. A posting's URL is
//     stable (the slug never changes and the language is in the path) and
//     unique per language feed, so it is a valid, permanent atom:id; a tag:
//     URI would add nothing but a second identifier to keep stable. WriteAtom
//     refuses duplicate or relative ids. The feed's updated is the newest
//     entry's updated, or AtomFeed.Updated when the feed has no entry.
//   - Indeed (/jobs.xml): Indeed's feed rules put every value in
//     <![CDATA[…]]> and forbid HTML entities anywhere, because the
//     description is HTML that Indeed reads with literal "<". So no value is
//     ever entity-escaped: a "]]>" inside a value is split across two CDATA
//     sections ("]]]]><![CDATA[>"), which decodes back to the same text.
//     Empty optional values (state, postal code, salary, expiration date,
//     remote type, …) are left out; Indeed needs title, date, reference
//     number, url, company and description, and reference numbers must be
//     unique, so WriteJobs refuses a job without them.
//
// Characters XML cannot carry: XML 1.0 forbids most control characters even
// as character references. Every string value goes through the same cleaning
// before it is written: invalid UTF-8 bytes, C0 controls other than tab, line
// feed and carriage return, DEL and the C1 controls (U+007F–U+009F, which XML
// 1.0 discourages), surrogates and U+FFFE/U+FFFF are dropped (removed, not
// replaced, so no U+FFFD appears in a title). In the Atom feed and the
// sitemap a carriage return survives as the reference &#xD;; inside CDATA, where
// references do not exist and an XML parser turns CR LF and a lone CR into LF,
// line ends are written as LF so what Indeed reads is what was written.
package feeds

import (
	"fmt"
	"net/url"
	"strings"
	"time"
	"unicode/utf8"
)

// clean returns s without the characters described in the package comment.
func clean(s string) string {
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		if !keep(r, size) {
			return cleanSlow(s)
		}
		i += size
	}
	return s
}

func cleanSlow(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		if keep(r, size) {
			b.WriteString(s[i : i+size])
		}
		i += size
	}
	return b.String()
}

// keep reports whether the rune r, decoded from size bytes, may be written.
func keep(r rune, size int) bool {
	switch {
	case r == utf8.RuneError && size == 1: // invalid UTF-8
		return false
	case r == '\t' || r == '\n' || r == '\r':
		return true
	case r < 0x20:
		return false
	case r >= 0x7F && r <= 0x9F:
		return false
	case r <= 0xD7FF:
		return true
	case r >= 0xE000 && r <= 0xFFFD:
		return true
	case r >= 0x10000 && r <= utf8.MaxRune:
		return true
	}
	return false
}

// cleanCDATA is clean followed by the line-end normalisation an XML parser
// applies to character data: CR LF and a lone CR become LF.
func cleanCDATA(s string) string {
	s = clean(s)
	if strings.IndexByte(s, '\r') < 0 {
		return s
	}
	s = strings.ReplaceAll(s, "\r\n", "\n")
	return strings.ReplaceAll(s, "\r", "\n")
}

// absoluteURL checks that s (already cleaned) is an absolute http(s) URL.
func absoluteURL(s string) error {
	if s == "" {
		return fmt.Errorf("is empty")
	}
	u, err := url.Parse(s)
	if err != nil {
		return err
	}
	if (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return fmt.Errorf("%q is not an absolute http(s) URL", s)
	}
	return nil
}

// iri checks that s (already cleaned) is an absolute IRI, as atom:id requires.
func iri(s string) error {
	if s == "" {
		return fmt.Errorf("is empty")
	}
	u, err := url.Parse(s)
	if err != nil {
		return err
	}
	if u.Scheme == "" {
		return fmt.Errorf("%q is not an absolute IRI", s)
	}
	return nil
}

// rfc3339 formats t with its own offset, to the second, and refuses years RFC
// 3339 cannot write.
func rfc3339(t time.Time) (string, error) {
	if y := t.Year(); y < 0 || y > 9999 {
		return "", fmt.Errorf("year %d is out of range", y)
	}
	return t.Format(time.RFC3339), nil
}

// errs collects validation errors with a common prefix.
type errs struct {
	prefix string
	list   []string
}

func (e *errs) add(format string, args ...any) {
	e.list = append(e.list, fmt.Sprintf(format, args...))
}

func (e *errs) err() error {
	switch len(e.list) {
	case 0:
		return nil
	case 1:
		return fmt.Errorf("%s: %s", e.prefix, e.list[0])
	}
	return fmt.Errorf("%s: %d errors:\n\t%s", e.prefix, len(e.list), strings.Join(e.list, "\n\t"))
}

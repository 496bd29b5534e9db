package content

import (
	"errors"
	"io/fs"
	"math"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"time"
	"unicode"

	"github.com/jobboard/jobboard/internal/msg"
)

var siteKeys = []string{"base_url", "languages", "title", "description", "timezone", "listing_days", "page_size", "indexnow_key", "editor"}

// defaultListingDays is listing_days when site.yaml gives none: WP Job
// Manager's listing duration.
const defaultListingDays = 60

// DefaultPageSize is how many postings a page of a list shows when
// site.yaml does not say (page_size); MinPageSize and MaxPageSize bound
// it: a page of 100 entries weighs about 15 KB gzipped, under the 30 KB
// a cheap phone loads quickly.
const (
	DefaultPageSize = 50
	MinPageSize     = 10
	MaxPageSize     = 100
)

// loadSiteConfig reads content/site.yaml. It returns nil when the site
// cannot be loaded further (no languages, no readable file).
func loadSiteConfig(fsys fs.FS, l *list) *Site {
	const file = "content/site.yaml"
	data, err := ReadFile(fsys, file)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			l.errorf(file, 0, "", "missing: a site needs content/site.yaml with base_url, languages and title (run jobboard in the folder that holds content/, or give -C folder)")
		} else {
			l.errorf(file, 0, "", "%s", readProblem(err))
		}
		return nil
	}
	if line, problem := badText(data, 1); line > 0 {
		l.errorf(file, line, "", "%s", problem)
		return nil
	}
	root, err := parseYAML(data, 1)
	if err != nil {
		var pe *positionedError
		if errors.As(err, &pe) {
			l.errorf(file, pe.line, "", "%s", siteFileText(pe.msg))
		}
		return nil
	}
	if root == nil || root.kind != mapNode {
		l.errorf(file, 1, "", "must hold the fields base_url, languages and title")
		return nil
	}
	// The settings "jobboard init" writes have values to change (reported
	// by Load, which knows whether drafts are shown).
	marks := fieldMarks(root, data, math.MaxInt)
	if !cleanValues(file, root, l) {
		return nil
	}
	d := &decoder{file: file, l: l}
	d.unknown(root, "", siteKeys, nil)
	site := &Site{Title: map[string]string{}, Description: map[string]string{}, initMarks: marks}

	// Every file name and every per-language field depends on the
	// languages: when they are wrong, check the rest of site.yaml but not
	// the content, which would only repeat the mistake file by file.
	langsOK := false
	if f := root.get("languages"); f != nil {
		site.Languages, langsOK = d.texts(f, "languages", func(s string) error {
			if !langCodeRE.MatchString(s) {
				return msg.Errorf("%s is not a language code; use two lower-case letters, like fr or en", quote(s))
			}
			return checkLanguageTag(s)
		})
	} else {
		l.errorf(file, 1, "languages", "missing; list the site's languages, the default first: languages: [fr, en]")
	}
	if len(site.Languages) == 0 {
		if f := root.get("languages"); f != nil && langsOK {
			l.errorf(file, f.line, "languages", "is empty; list the site's languages, the default first: languages: [fr, en]")
		}
		return nil
	}
	if f := root.get("base_url"); f != nil {
		if s, ok := d.text(f, "base_url"); ok {
			if err := checkBaseURL(s); err != nil {
				d.errorf(f, "base_url", "%s", err)
			} else if strings.ContainsAny(s, "?#") {
				d.errorf(f, "base_url", "must be the site's address without ? or #")
			} else {
				if !strings.HasSuffix(s, "/") {
					s += "/"
				}
				site.BaseURL = s
			}
		}
	} else {
		l.errorf(file, 1, "base_url", "missing; give the site's public address, like https://jobs.example.org/")
	}
	perLanguage := func(name string, required bool, into map[string]string) {
		f := root.get(name)
		if f == nil {
			if required {
				l.errorf(file, 1, name, "missing; give it in every language: %s: {%s: …}", name, strings.Join(site.Languages, ": …, "))
			}
			return
		}
		g, ok := d.group(f, name)
		if !ok {
			return
		}
		d.unknown(g, name, site.Languages, nil)
		for _, lang := range site.Languages {
			lf := g.get(lang)
			if lf == nil {
				l.errorf(file, f.line, name+"."+lang, "missing; give the %s in %s too", name, languageName(lang))
				continue
			}
			if s, ok := d.text(lf, name+"."+lang); ok {
				into[lang] = s
			}
		}
	}
	if langsOK {
		perLanguage("title", true, site.Title)
		perLanguage("description", false, site.Description)
	}

	site.TimeZone, _ = time.LoadLocation("Europe/Paris")
	if f := root.get("timezone"); f != nil {
		if s, ok := d.text(f, "timezone"); ok {
			loc, err := time.LoadLocation(s)
			if err != nil || s == "Local" {
				d.errorf(f, "timezone", "%q is not a time zone; use a name like Europe/Paris", s)
			} else {
				site.TimeZone = loc
			}
		}
	}
	if f := root.get("indexnow_key"); f != nil {
		if s, ok := d.text(f, "indexnow_key"); ok {
			if indexNowKeyRE.MatchString(s) {
				site.IndexNowKey = s
			} else {
				d.errorf(f, "indexnow_key", "%q is not an IndexNow key: use 8 to 128 letters (a-z, A-Z), digits and -, like the one Bing's IndexNow page generates", s)
			}
		}
	}
	site.ListingDays = defaultListingDays
	if f := root.get("listing_days"); f != nil {
		if v, ok := d.integer(f, "listing_days"); ok {
			if v < 1 || v > 3650 {
				d.errorf(f, "listing_days", "%d days is not possible; give a number of days between 1 and 3650, like 60", v)
			} else {
				site.ListingDays = v
			}
		}
	}
	site.PageSize = DefaultPageSize
	if f := root.get("page_size"); f != nil {
		if v, ok := d.integer(f, "page_size"); ok {
			if v < MinPageSize || v > MaxPageSize {
				d.errorf(f, "page_size", "%d postings per page is not possible; give a number between %d and %d, like %d", v, MinPageSize, MaxPageSize, DefaultPageSize)
			} else {
				site.PageSize = v
			}
		}
	}
	if f := root.get("editor"); f != nil {
		site.Editor = decodeEditor(d, f)
	}
	if !langsOK {
		return nil
	}
	return site
}

// indexNowKeyRE is the key the IndexNow protocol accepts
// (https://www.indexnow.org/documentation); the build publishes it as
// <key>.txt at the site's root, so it must be a safe file name too.
var indexNowKeyRE = regexp.MustCompile(`^[a-zA-Z0-9-]{8,128}$`)

func quote(s string) string { return `"` + s + `"` }

// checkBaseURL checks the site's public address, from which every link
// in the sitemap, the feeds and the pages is made, where it is written:
// a mistake found later, in a sitemap or robots.txt, would point at no
// file.
func checkBaseURL(s string) error {
	pos := 0
	for _, r := range s {
		pos++
		switch {
		case unicode.IsSpace(r):
			return msg.Errorf("contains a space at position %d; a web address has no spaces: remove it, or write %%20 in its place", pos)
		case r == '\\':
			return msg.Errorf("contains \\ at position %d, which a web address cannot hold; separate folders with /", pos)
		case strings.ContainsRune(`<>"{}|^`+"`", r):
			return msg.Errorf("contains %c at position %d, which a web address cannot hold; remove it", r, pos)
		}
	}
	if inv := invisible(s); !inv.IsZero() {
		return msg.Errorf("contains %s; retype the address without it", inv)
	}
	scheme, rest, found := strings.Cut(s, "://")
	if !found || strings.ContainsAny(scheme, "/.") {
		rest := strings.TrimPrefix(strings.TrimPrefix(s, "https:"), "http:")
		fixed := "https://" + strings.TrimLeft(rest, "/")
		if !strings.HasSuffix(fixed, "/") {
			fixed += "/"
		}
		return msg.Errorf("%q does not start with https://; write %s", s, fixed)
	}
	if scheme != "https" && scheme != "http" {
		return msg.Errorf("%q must start with https:// (or http://), not %s://", s, scheme)
	}
	host, _, _ := strings.Cut(rest, "/")
	if host == "" {
		return msg.Errorf("%q has no site name after %s://; write it like https://jobs.example.org/", s, scheme)
	}
	if strings.Contains(host, "@") {
		return msg.Errorf("%q holds a user name or password (before @); give the public address, like https://jobs.example.org/", s)
	}
	u, err := url.Parse(s)
	if err != nil || u.Host == "" {
		return msg.Errorf("%q is not an absolute web address; write it in full, like https://example.org/", s)
	}
	if p := u.Port(); p != "" {
		if n, err := strconv.Atoi(p); err != nil || n < 1 || n > 65535 {
			return msg.Errorf("%q has port %s, which cannot exist; remove :%s", s, p, p)
		}
	}
	return nil
}

// LoadSiteConfig reads content/site.yaml alone, for a command that needs
// the site's settings but not its postings (jobboard notify). The Site has
// no employers nor postings; it is nil when site.yaml has errors, which
// the diagnostics say.
func LoadSiteConfig(fsys fs.FS) (*Site, Diagnostics) {
	var l list
	s := loadSiteConfig(fsys, &l)
	if l.ds.Errors() > 0 {
		return nil, l.ds
	}
	return s, l.ds
}

// siteFileText is a message of the front-matter reader said of site.yaml,
// which is a file of fields alone: "this file is not valid YAML" for "this
// front matter is not valid YAML".
type siteFileText msg.Text

func (t siteFileText) In(l msg.Lang) string {
	s := msg.Text(t).In(l)
	if l == msg.French {
		return strings.Replace(s, frenchFrontMatter, "ce fichier", 1)
	}
	return strings.Replace(s, "front matter", "file", 1)
}

// frenchFrontMatter is how the French messages name the front matter.
const frenchFrontMatter = "l'en-tête (entre les lignes ---)"

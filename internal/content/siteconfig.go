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
	root, data := readSiteYAML(fsys, file, l)
	if root == nil {
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
	// site is not read from sc: escape analysis would take sc, and d with
	// it, to escape with the site returned (an allocation per Load).
	sc := siteConfig{d: d, root: root, site: site}

	// Every file name and every per-language field depends on the
	// languages: when they are wrong, check the rest of site.yaml but not
	// the content, which would only repeat the mistake file by file.
	langsOK := sc.languages()
	if len(site.Languages) == 0 {
		return nil
	}
	sc.baseURL()
	if langsOK {
		sc.perLanguage("title", true, site.Title)
		sc.perLanguage("description", false, site.Description)
	}
	sc.timeZone()
	sc.indexNowKey()
	sc.listingDays()
	sc.pageSize()
	if f := root.get("editor"); f != nil {
		site.Editor = decodeEditor(d, f)
	}
	if !langsOK {
		return nil
	}
	return site
}

// readSiteYAML reads and parses the site file file, and returns its front
// matter, a map, and its bytes; a nil node, the problem reported to l,
// when it cannot.
func readSiteYAML(fsys fs.FS, file string, l *list) (*node, []byte) {
	data, err := ReadFile(fsys, file)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			l.errorf(file, 0, "", "missing: a site needs content/site.yaml with base_url, languages and title (run jobboard in the folder that holds content/, or give -C folder)")
		} else {
			l.errorf(file, 0, "", "%s", readProblem(err))
		}
		return nil, nil
	}
	if line, problem := badText(data, 1); line > 0 {
		l.errorf(file, line, "", "%s", problem)
		return nil, nil
	}
	root, err := parseYAML(data, 1)
	if err != nil {
		var pe *positionedError
		if errors.As(err, &pe) {
			l.errorf(file, pe.line, "", "%s", siteFileText(pe.msg))
		}
		return nil, nil
	}
	if root == nil || root.kind != mapNode {
		l.errorf(file, 1, "", "must hold the fields base_url, languages and title")
		return nil, nil
	}
	return root, data
}

// A siteConfig is site.yaml being decoded: its decoder, its fields (root)
// and the Site they make.
type siteConfig struct {
	d    *decoder
	root *node
	site *Site
}

// languages decodes the site's languages, and reports whether they were
// given without mistakes.
func (sc *siteConfig) languages() (ok bool) {
	d, site := sc.d, sc.site
	f := sc.root.get("languages")
	if f == nil {
		d.l.errorf(d.file, 1, "languages", "missing; list the site's languages, the default first: languages: [fr, en]")
		return false
	}
	site.Languages, ok = d.texts(f, "languages", func(s string) error {
		if !langCodeRE.MatchString(s) {
			return msg.Errorf("%s is not a language code; use two lower-case letters, like fr or en", quote(s))
		}
		return checkLanguageTag(s)
	})
	if len(site.Languages) == 0 && ok {
		d.l.errorf(d.file, f.line, "languages", "is empty; list the site's languages, the default first: languages: [fr, en]")
	}
	return ok
}

// baseURL decodes the site's public address, ending with "/".
func (sc *siteConfig) baseURL() {
	d := sc.d
	f := sc.root.get("base_url")
	if f == nil {
		d.l.errorf(d.file, 1, "base_url", "missing; give the site's public address, like https://jobs.example.org/")
		return
	}
	s, ok := d.text(f, "base_url")
	if !ok {
		return
	}
	if err := checkBaseURL(s); err != nil {
		d.errorf(f, "base_url", "%s", err)
	} else if strings.ContainsAny(s, "?#") {
		d.errorf(f, "base_url", "must be the site's address without ? or #")
	} else {
		if !strings.HasSuffix(s, "/") {
			s += "/"
		}
		sc.site.BaseURL = s
	}
}

// perLanguage decodes the text name, given in every language of the site
// (title: {fr: …, en: …}), into into; required says whether it must be
// given.
func (sc *siteConfig) perLanguage(name string, required bool, into map[string]string) {
	d, langs := sc.d, sc.site.Languages
	f := sc.root.get(name)
	if f == nil {
		if required {
			d.l.errorf(d.file, 1, name, "missing; give it in every language: %s: {%s: …}", name, strings.Join(langs, ": …, "))
		}
		return
	}
	g, ok := d.group(f, name)
	if !ok {
		return
	}
	d.unknown(g, name, langs, nil)
	for _, lang := range langs {
		lf := g.get(lang)
		if lf == nil {
			d.l.errorf(d.file, f.line, name+"."+lang, "missing; give the %s in %s too", name, languageName(lang))
			continue
		}
		if s, ok := d.text(lf, name+"."+lang); ok {
			into[lang] = s
		}
	}
}

// timeZone decodes the site's time zone; Europe/Paris when not given.
func (sc *siteConfig) timeZone() {
	sc.site.TimeZone, _ = time.LoadLocation("Europe/Paris")
	f := sc.root.get("timezone")
	if f == nil {
		return
	}
	if s, ok := sc.d.text(f, "timezone"); ok {
		loc, err := time.LoadLocation(s)
		if err != nil || s == "Local" {
			sc.d.errorf(f, "timezone", "%q is not a time zone; use a name like Europe/Paris", s)
		} else {
			sc.site.TimeZone = loc
		}
	}
}

// indexNowKey decodes the site's IndexNow key, if given.
func (sc *siteConfig) indexNowKey() {
	f := sc.root.get("indexnow_key")
	if f == nil {
		return
	}
	if s, ok := sc.d.text(f, "indexnow_key"); ok {
		if indexNowKeyRE.MatchString(s) {
			sc.site.IndexNowKey = s
		} else {
			sc.d.errorf(f, "indexnow_key", "%q is not an IndexNow key: use 8 to 128 letters (a-z, A-Z), digits and -, like the one Bing's IndexNow page generates", s)
		}
	}
}

// listingDays decodes how many days a posting is listed;
// defaultListingDays when not given.
func (sc *siteConfig) listingDays() {
	sc.site.ListingDays = defaultListingDays
	f := sc.root.get("listing_days")
	if f == nil {
		return
	}
	if v, ok := sc.d.integer(f, "listing_days"); ok {
		if v < 1 || v > 3650 {
			sc.d.errorf(f, "listing_days", "%d days is not possible; give a number of days between 1 and 3650, like 60", v)
		} else {
			sc.site.ListingDays = v
		}
	}
}

// pageSize decodes how many postings a page of a list shows;
// DefaultPageSize when not given.
func (sc *siteConfig) pageSize() {
	sc.site.PageSize = DefaultPageSize
	f := sc.root.get("page_size")
	if f == nil {
		return
	}
	if v, ok := sc.d.integer(f, "page_size"); ok {
		if v < MinPageSize || v > MaxPageSize {
			sc.d.errorf(f, "page_size", "%d postings per page is not possible; give a number between %d and %d, like %d", v, MinPageSize, MaxPageSize, DefaultPageSize)
		} else {
			sc.site.PageSize = v
		}
	}
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

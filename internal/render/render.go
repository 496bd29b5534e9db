// Package render turns the assembled site into HTML: the pages, from the
// html/template layouts of layouts/ and the interface strings of
// layouts/i18n/<lang>.yaml; the Markdown of postings and employers, with
// goldmark; and the facts of a posting in words, for the page and for the
// feeds and structured data that reuse them. It writes nothing to disk and
// holds no global state; a Renderer is safe for concurrent use.
//
// # What a layout receives
//
// Every layout is executed with a *View. Fields every page has:
//
//	.Lang .Dir          the page's language and "rtl" for right-to-left ones
//	.Kind               "home" "list" "archive" "contract" "place" "remote" "posting" "404"
//	.SiteTitle          the site's title in the page's language
//	.Description        for <meta name="description">
//	.Canonical          absolute address of the page ("" on 404.html)
//	.Alternates         the page in each language, absolute, with x-default
//	.Feeds              the Atom feed of each language
//	.FilterFeed         on filter pages, the Atom feed of the filter (a Link), first in <head>
//	.Switch             the other languages: the same page, or their list
//	.Home               the list of open postings in the page's language
//	.Langs              every site language, for the chooser and 404.html
//	.Posting            on posting pages: see PostingView
//	.List               on list pages: see ListView
//	.LiveReload         the event stream to reload from (serve only)
//	.NoIndex            true on 404.html and closed postings: <meta name="robots">
//
// What other tools rely on (the e2e tests in .ci/e2e, search engines): a
// posting page's <article data-status="open|closed">; on an open posting,
// exactly one element id="apply" holding the one mailto: link and the
// addresses and subject as text, and exactly one application/ld+json
// script; on a closed one, neither, and a notice that it is closed.
//
// Methods: {{.T "key" args...}} is the interface string "key" of the page's
// language, formatted with args as by fmt.Sprintf; {{.TIn $lang "key"}} is
// the same in another language; {{.Asset "style.css"}} is the address of an
// asset with its content hash. Write keys and asset names out in quotes:
// New reads the layouts to check that every language has every key used.
// A key missing at execution fails the page; it never prints a blank.
// {{.T "key"}} and {{$.T "key"}} without arguments are replaced by their
// text in each language when the layouts are read, which is what they
// would print: they cost no call when a page is rendered.
package render

import (
	"fmt"
	"html/template"
	"io"
	"io/fs"
	"maps"
	"slices"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/yuin/goldmark"
	"golang.org/x/text/language"

	"github.com/jobboard/jobboard/internal/content"
	"github.com/jobboard/jobboard/internal/site"
)

// Options are given by the build.
type Options struct {
	Assets     map[string]string // logical asset name ("style.css", "favicon.svg") → site path with content hash ("/assets/style.1a2b3c4d.css")
	LiveReload string            // "" in build; in serve, the path of the event stream: pages then reload on each event
	Cache      *Cache            // Markdown already rendered by earlier Renderers; nil: a new one
	// Text, if not nil, gives back the Markdown of a translation whose
	// Body is nil, for its check or its page: Run loads the postings
	// without their text (content.Options.NoBodies). When it fails, the
	// posting is checked or rendered without its text and Err says why:
	// the build must fail.
	Text func(tr *content.Translation) ([]byte, error)
	// Minify, if not nil, minifies HTML that may hold template actions,
	// leaving them as they are: the layouts are minified with it once,
	// when they are parsed, so that pages come out minified without each
	// being minified whole (the HTML made from Markdown is not). A Cache
	// serves Renderers of the same Minify.
	Minify func(html string) (string, error)
}

// Cache keeps the Markdown of postings rendered, by file content, so that a
// later Renderer (the next build of serve) renders only what changed. It
// is safe for concurrent use. Bodies of files edited away stay in it: a
// preview session holds a few more than the site has.
type Cache struct {
	bodies sync.Map // tr.Hash → *rendered

	// The layouts and interface strings last parsed, with the text they
	// were parsed from: the next build parses them again only when that
	// changed (they took ~2 ms of each edit in serve). Parsed templates
	// hold no Renderer: any Renderer may execute them.
	mu          sync.Mutex
	layoutFiles layoutFiles
	minified    bool // the layouts were parsed minified
	layouts     *layouts
	msgs        map[string]parsedMessages  // by file
	layers      map[string]layeredMessages // by file: a site's strings over the built-in ones
}

type parsedMessages struct {
	data string
	msgs *messages
}

// parseLayouts is parseLayouts(files, minify), or the last result when
// files are those it was parsed from, minified or not alike.
func (c *Cache) parseLayouts(files layoutFiles, minify func(string) (string, error)) (*layouts, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.layouts != nil && maps.Equal(c.layoutFiles, files) && c.minified == (minify != nil) {
		return c.layouts, nil
	}
	ls, err := parseLayouts(files, minify)
	if err != nil {
		return nil, err
	}
	c.layoutFiles, c.minified, c.layouts = files, minify != nil, ls
	return ls, nil
}

// parseMessages is parseMessages(file, data), or the last result for file
// when data is the same.
func (c *Cache) parseMessages(file string, data []byte) (*messages, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if last, ok := c.msgs[file]; ok && last.data == string(data) {
		return last.msgs, nil
	}
	m, err := parseMessages(file, data)
	if err != nil {
		return nil, err
	}
	if c.msgs == nil {
		c.msgs = map[string]parsedMessages{}
	}
	c.msgs[file] = parsedMessages{string(data), m}
	return m, nil
}

// layered is the strings of base with those of over in their place: the
// same *messages as long as neither changes (the folded layouts are made
// once per messages).
func (c *Cache) layered(base, over *messages) *messages {
	c.mu.Lock()
	defer c.mu.Unlock()
	if l, ok := c.layers[over.file]; ok && l.base == base && l.over == over {
		return l.m
	}
	m := &messages{file: over.file, text: make(map[string]string, len(base.text))}
	maps.Copy(m.text, base.text)
	maps.Copy(m.text, over.text)
	if c.layers == nil {
		c.layers = map[string]layeredMessages{}
	}
	c.layers[over.file] = layeredMessages{base, over, m}
	return m
}

type layeredMessages struct{ base, over, m *messages }

// Renderer renders the pages of one site. Build it with New.
type Renderer struct {
	root    fs.FS
	cs      *content.Site
	opt     Options
	layouts *layouts
	pages   map[string]map[string]*template.Template // by language, then layout file name: layouts.inLanguage
	msgs    map[string]*messages                     // by language
	bodyMD  goldmark.Markdown
	orgMD   goldmark.Markdown

	bodies *sync.Map // tr.Hash → *rendered, from opt.Cache
	orgs   sync.Map  // org key + lang → template.HTML
	facts  sync.Map  // factsOf → FactsText
	// ldHashes are the DataHash of the posting pages rendered, by path:
	// the build's record of the postings reads them once the pages are
	// written.
	ldHashes sync.Map
	names    localeNames

	textErr atomic.Pointer[error] // the first failure of opt.Text
}

// Err is the first error of Options.Text, nil if none: the checks and
// pages made since are wrong.
func (r *Renderer) Err() error {
	if err := r.textErr.Load(); err != nil {
		return *err
	}
	return nil
}

// New parses the layouts of root (the site folder, holding layouts/) and
// the interface strings of every site language, and checks them: every key
// a layout or this package uses must be in every language's file, with the
// same %-verbs, and every asset a layout names must be in opt.Assets.
func New(root fs.FS, cs *content.Site, opt Options) (*Renderer, error) {
	if opt.Cache == nil {
		opt.Cache = &Cache{}
	}
	files, err := readLayouts(root)
	if err != nil {
		return nil, err
	}
	ls, err := opt.Cache.parseLayouts(files, opt.Minify)
	if err != nil {
		return nil, err
	}
	// Pages link to assets from below the folder of base_url, if any.
	if base := cs.BasePath(); base != "/" {
		hrefs := make(map[string]string, len(opt.Assets))
		for name, p := range opt.Assets {
			hrefs[name] = base + strings.TrimPrefix(p, "/")
		}
		opt.Assets = hrefs
	}
	r := &Renderer{root: root, cs: cs, opt: opt, layouts: ls, msgs: map[string]*messages{}, pages: map[string]map[string]*template.Template{},
		bodyMD: newMarkdown(2, opt.Assets), orgMD: newMarkdown(3, opt.Assets), bodies: &opt.Cache.bodies}
	for _, l := range cs.Languages {
		m, err := loadMessages(root, l, opt.Cache)
		if err != nil {
			return nil, err
		}
		r.msgs[l] = m
	}
	if err := checkMessages(cs.Languages, r.msgs, codeKeys(), ls.keys); err != nil {
		return nil, err
	}
	for l, m := range r.msgs {
		if r.pages[l], err = ls.inLanguage(l, m); err != nil {
			return nil, err
		}
	}
	var missing []string
	for _, a := range ls.assets {
		if _, ok := opt.Assets[a]; !ok {
			missing = append(missing, fmt.Sprintf("assets/%s: missing: a layout links to it", a))
		}
	}
	if len(missing) > 0 {
		return nil, fmt.Errorf("%s", strings.Join(missing, "\n"))
	}
	return r, nil
}

// Page writes the HTML of pg, a page of s. On error, w may hold part of
// the page: render into a buffer.
func (r *Renderer) Page(w io.Writer, s *site.Site, pg *site.Page) error {
	v, err := r.view(s, pg, false)
	if err != nil {
		return err
	}
	set := r.pages[v.Lang][layoutOf(pg.Kind)]
	if set == nil {
		return fmt.Errorf("%s: no layouts for language %q, not a site language: please report this bug", pg.Path, v.Lang)
	}
	err = set.ExecuteTemplate(w, layoutDir+"/base.html", v)
	if err != nil && r.layouts.written != nil {
		err = r.layouts.writtenError(layoutOf(pg.Kind), v, err)
	}
	return err
}

// View is what a layout receives. See the package documentation.
type View struct {
	r *Renderer

	Kind        string
	Lang        string
	Dir         string
	SiteTitle   string
	Description string
	Canonical   string
	Home        string
	Alternates  []Link
	Feeds       []Link
	FilterFeed  *Link
	Switch      []Link
	Langs       []Link
	Posting     *PostingView
	List        *ListView
	LiveReload  string
	NoIndex     bool
}

// Link is an address in a language: an alternate, a feed, a switcher item.
type Link struct {
	Lang    string // BCP 47, or "x-default"
	Dir     string // "rtl" for right-to-left languages
	Href    string
	Text    string // the language's own name, or a title
	Missing bool   // switcher: the page does not exist in Lang, Href is Lang's list
}

// T is the interface string key in the page's language.
func (v *View) T(key string, args ...any) (string, error) { return v.r.text(v.Lang, key, args...) }

// TIn is the interface string key in lang.
func (v *View) TIn(lang, key string, args ...any) (string, error) {
	return v.r.text(lang, key, args...)
}

// Asset is the address of an asset by its logical name.
func (v *View) Asset(name string) (string, error) {
	p, ok := v.r.opt.Assets[name]
	if !ok {
		return "", fmt.Errorf("assets/%s: missing: a layout links to it", name)
	}
	return p, nil
}

var kindNames = map[site.Kind]string{
	site.HomePage: "home", site.ListPage: "list", site.ArchivePage: "archive", site.ContractPage: "contract",
	site.PlacePage: "place", site.RemotePage: "remote", site.PostingPage: "posting", site.NotFoundPage: "404",
}

// KeyView is the View of pg but for the values a posting's or an
// employer's files alone make (with the layouts' strings and the site's
// settings), left out (zero) for a key of the page that does not render
// them: a posting page's Body and Description (from its translation's
// file), OrgHTML (the employer's files), Facts, Apply and JSONLD (the
// facts, and the body); a list's Entries and Elsewhere (see Entry: their
// summaries are made from Markdown, and a key of each is kept per
// posting). A key of a page is therefore the View's exported values,
// walked, with the hashes of those files. Everything else a layout
// receives, in particular all it gets from the site's structure
// (addresses, alternates, switcher, counts), is in it: a value added to
// View is in the key without more ado.
func (r *Renderer) KeyView(s *site.Site, pg *site.Page) (*View, error) { return r.view(s, pg, true) }

// KeyEntry is Entry but for its Facts, made from the posting's facts
// alone (in lang, with the interface strings): a key of an entry is its
// walk with the hash of those facts and lang. Formatting the facts of
// every posting in every list's language was most of the cost of keying
// the lists in a build over the previous output.
func (r *Renderer) KeyEntry(s *site.Site, e *site.Entry, lang string) Entry {
	return r.entry(s, e, lang, true)
}

// Entry is what a list in lang shows of e (ListView's Entries and
// Elsewhere).
func (r *Renderer) Entry(s *site.Site, e *site.Entry, lang string) Entry {
	return r.entry(s, e, lang, false)
}

func (r *Renderer) entry(s *site.Site, e *site.Entry, lang string, keying bool) Entry {
	en := Entry{Path: s.Href(e.Path), Title: frenchText(e.Translation.Lang, e.Translation.Title), Summary: r.Summary(e.Translation),
		City: r.cities(lang, &e.Posting.Facts)}
	if !keying {
		en.Facts = r.Facts(e.Posting, lang)
	}
	if l := e.Translation.Lang; l != lang {
		en.Lang, en.Dir = l, r.names.dir(l)
	}
	if org := s.Content.Organizations[e.Posting.Facts.Organization]; org != nil {
		en.Org = orgName(org, lang, e.Translation.Lang)
	}
	return en
}

// view is what pg's layout receives; keying: KeyView's.
func (r *Renderer) view(s *site.Site, pg *site.Page, keying bool) (*View, error) {
	cs := s.Content
	lang := pg.Lang
	if lang == "" {
		lang = cs.DefaultLanguage()
	}
	v := &View{
		r: r, Kind: kindNames[pg.Kind], Lang: lang, Dir: r.names.dir(lang),
		SiteTitle: cs.Title[lang], Description: cs.Description[lang],
		Home: s.Href(site.ListPath(lang)), LiveReload: r.opt.LiveReload,
	}
	if v.Description == "" {
		v.Description = v.SiteTitle
	}
	if pg.Kind != site.NotFoundPage {
		v.Canonical = s.URL(pg.Path)
	} else {
		v.NoIndex = true
	}
	for _, a := range pg.Alternates {
		v.Alternates = append(v.Alternates, Link{Lang: a.Lang, Href: s.URL(a.Path)})
	}
	for _, l := range cs.Languages {
		v.Feeds = append(v.Feeds, Link{Lang: l, Href: s.URL(site.FeedPath(l)), Text: cs.Title[l]})
		v.Langs = append(v.Langs, Link{Lang: l, Dir: r.names.dir(l), Href: s.Href(site.ListPath(l)), Text: r.names.self(l)})
	}
	if path := site.FilterFeedPath(pg); path != "" {
		v.FilterFeed = &Link{Lang: lang, Href: s.URL(path), Text: v.SiteTitle + " – " + r.FilterName(lang, pg.Filter)}
	}
	if pg.Kind != site.HomePage && pg.Kind != site.NotFoundPage {
		v.Switch = r.switcher(s, pg, lang)
	}
	switch pg.Kind {
	case site.PostingPage:
		pv, err := r.postingView(s, pg, keying)
		if err != nil {
			return nil, err
		}
		v.Posting = pv
		v.NoIndex = pv.Closed
		if tr := pg.Translation; tr != nil && !keying {
			v.Description = r.Summary(tr)
		}
	case site.ListPage, site.ArchivePage, site.ContractPage, site.PlacePage, site.RemotePage:
		v.List = r.listView(s, pg, lang, keying)
	}
	return v, nil
}

// switcher links to the page in every other language: the same page when
// it exists there, else that language's list, with a label in that
// language saying so.
func (r *Renderer) switcher(s *site.Site, pg *site.Page, lang string) []Link {
	var out []Link
	for _, l := range s.Content.Languages {
		if l == lang {
			continue
		}
		alts := pg.Alternates
		if pg.Number > 1 { // a later page of a list: the list in l, from its first page
			alts = pg.First.Alternates
		}
		i := slices.IndexFunc(alts, func(a site.Alternate) bool { return a.Lang == l })
		if i >= 0 {
			out = append(out, Link{Lang: l, Dir: r.names.dir(l), Href: s.Href(alts[i].Path), Text: r.names.self(l)})
			continue
		}
		out = append(out, Link{Lang: l, Dir: r.names.dir(l), Href: s.Href(site.ListPath(l)), Text: r.must(l, "switch.list"), Missing: true})
	}
	return out
}

// dir is "rtl" for the languages written right to left, else "".
func dir(lang string) string {
	base, _ := language.Make(lang).Base()
	switch base.String() {
	case "ar", "fa", "he", "ur", "ps", "yi", "dv", "ckb", "sd", "ug":
		return "rtl"
	}
	return ""
}

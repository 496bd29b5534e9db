package build_test

// What the built example site says, checked against the content as
// content.Load reads it, never against strings typed here: the structured
// data (issue 5), the apply link (issue 4), expiry, the origin of every
// resource a page loads, the sitemap and the feeds.

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"fmt"
	"html"
	"io/fs"
	"maps"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/jobboard/jobboard/internal/build"
	"github.com/jobboard/jobboard/internal/content"
	"github.com/jobboard/jobboard/internal/gensite"
	"github.com/jobboard/jobboard/internal/jsonld"
	"github.com/jobboard/jobboard/internal/render"
	"github.com/jobboard/jobboard/internal/site"
)

// loadSite loads the site folder root as the build does on the day today,
// assembles it, and makes a renderer for the facts in words.
func loadSite(t *testing.T, root string, today content.Date) (*site.Site, *render.Renderer) {
	t.Helper()
	fsys := os.DirFS(root)
	cs, diags := content.Load(fsys, content.Options{Today: today})
	if cs == nil {
		t.Fatalf("load %s:\n%v", root, diags)
	}
	s, diags := site.Assemble(cs, today)
	if diags.Errors() > 0 {
		t.Fatalf("assemble %s:\n%v", root, diags)
	}
	assets := map[string]string{}
	err := fs.WalkDir(fsys, "assets", func(p string, e fs.DirEntry, err error) error {
		if err == nil && !e.IsDir() {
			name := strings.TrimPrefix(p, "assets/")
			assets[name] = "/assets/" + name
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	r, err := render.New(fsys, cs, render.Options{Assets: assets})
	if err != nil {
		t.Fatal(err)
	}
	return s, r
}

// readPage reads the page of a site path ("/fr/x/") from a built site.
func readPage(t *testing.T, out, sitePath string) string {
	t.Helper()
	name := path.Join(sitePath, "index.html")
	if path.Ext(sitePath) == ".html" {
		name = sitePath
	}
	data, err := os.ReadFile(filepath.Join(out, filepath.FromSlash(name)))
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}

var (
	headRE   = regexp.MustCompile(`(?s)<head\b.*?</head>`)
	scriptRE = regexp.MustCompile(`(?s)<(script|style)\b.*?</(script|style)>`)
	tagRE    = regexp.MustCompile(`<[^>]*>`)
	spaceRE  = regexp.MustCompile(`[ \t\r\n]+`)
)

// visibleText is the text a reader sees of an HTML page or fragment: no
// head, scripts or styles, tags removed (so "a@<wbr>b" reads "a@b"),
// entities decoded, each run of ASCII white space made one space. The
// no-break spaces of formatted numbers are kept.
func visibleText(page string) string {
	s := headRE.ReplaceAllString(page, " ")
	s = scriptRE.ReplaceAllString(s, " ")
	s = tagRE.ReplaceAllString(s, "")
	return spaceRE.ReplaceAllString(html.UnescapeString(s), " ")
}

// noSpace is s without white space, which markup changes between a page
// and a feed.
func noSpace(s string) string { return strings.Join(strings.Fields(s), "") }

func digits(s string) string {
	return strings.Map(func(r rune) rune {
		if r >= '0' && r <= '9' {
			return r
		}
		return -1
	}, s)
}

func number(v float64) string { return strconv.FormatFloat(v, 'f', -1, 64) }

// ldPosting is a JobPosting as read back from a page: every property the
// site writes, with this test's own types.
type ldPosting struct {
	Context     string `json:"@context"`
	Type        string `json:"@type"`
	Title       string `json:"title"`
	Description string `json:"description"`
	URL         string `json:"url"`
	Identifier  struct {
		Type  string `json:"@type"`
		Name  string `json:"name"`
		Value string `json:"value"`
	} `json:"identifier"`
	DatePosted         string   `json:"datePosted"`
	ValidThrough       *string  `json:"validThrough"`
	EmploymentType     []string `json:"employmentType"`
	HiringOrganization struct {
		Type   string `json:"@type"`
		Name   string `json:"name"`
		SameAs string `json:"sameAs"`
		Logo   string `json:"logo"`
	} `json:"hiringOrganization"`
	JobLocation struct {
		Type    string `json:"@type"`
		Address struct {
			Type            string `json:"@type"`
			AddressLocality string `json:"addressLocality"`
			PostalCode      string `json:"postalCode"`
			AddressRegion   string `json:"addressRegion"`
			AddressCountry  string `json:"addressCountry"`
		} `json:"address"`
	} `json:"jobLocation"`
	JobLocationType               string `json:"jobLocationType"`
	ApplicantLocationRequirements []struct {
		Type string `json:"@type"`
		Name string `json:"name"`
	} `json:"applicantLocationRequirements"`
	BaseSalary *struct {
		Type     string `json:"@type"`
		Currency string `json:"currency"`
		Value    struct {
			Type     string   `json:"@type"`
			Value    *float64 `json:"value"`
			MinValue *float64 `json:"minValue"`
			MaxValue *float64 `json:"maxValue"`
			UnitText string   `json:"unitText"`
		} `json:"value"`
	} `json:"baseSalary"`
	SalaryCurrency    string `json:"salaryCurrency"`
	JobStartDate      string `json:"jobStartDate"`
	JobImmediateStart bool   `json:"jobImmediateStart"`
	DirectApply       *bool  `json:"directApply"`
}

// pageJSONLD reads the one JSON-LD block of a page.
func pageJSONLD(t *testing.T, name, page string) (*ldPosting, map[string]any) {
	t.Helper()
	blocks := ldJSONBlocks(page)
	if len(blocks) != 1 {
		t.Fatalf("%s: %d JSON-LD blocks, want exactly one", name, len(blocks))
	}
	var jp ldPosting
	dec := json.NewDecoder(strings.NewReader(blocks[0]))
	if err := dec.Decode(&jp); err != nil {
		t.Fatalf("%s: JSON-LD: %v\n%s", name, err, blocks[0])
	}
	var raw map[string]any
	if err := json.Unmarshal([]byte(blocks[0]), &raw); err != nil {
		t.Fatalf("%s: JSON-LD: %v", name, err)
	}
	return &jp, raw
}

// TestExampleJSONLD reads the JobPosting of every posting page of the
// example site and checks each property against the posting's front matter.
func TestExampleJSONLD(t *testing.T) {
	out := buildExample(t, true)
	s, r := loadSite(t, repoRoot, exampleToday)
	cs := s.Content
	if len(s.Postings) == 0 {
		t.Fatal("the example site has no posting")
	}
	for _, p := range s.Postings {
		if p.Expired {
			t.Fatalf("%s: expired on %v: the example posting should be open", p.Slug, exampleToday)
		}
		if len(p.Langs) < 2 {
			t.Errorf("%s: only in %v: the example posting should be in every language", p.Slug, p.Langs)
		}
		f := p.Facts
		org := cs.Organizations[f.Organization]
		identifiers := map[string]bool{}
		for _, lang := range p.Langs {
			t.Run(lang+"/"+p.Slug, func(t *testing.T) {
				sitePath := site.PostingPath(lang, p.Slug)
				page := readPage(t, out, sitePath)
				jp, raw := pageJSONLD(t, sitePath, page)
				tr := p.Translations[lang]
				check := func(prop string, got, want any) {
					t.Helper()
					if fmt.Sprint(got) != fmt.Sprint(want) {
						t.Errorf("%s = %q, want %q", prop, fmt.Sprint(got), fmt.Sprint(want))
					}
				}
				check("@context", jp.Context, "https://schema.org")
				check("@type", jp.Type, "JobPosting")
				check("title", jp.Title, tr.Title)
				check("url", jp.URL, cs.BaseURL+strings.TrimPrefix(sitePath, "/"))
				check("datePosted", jp.DatePosted, f.Posted.String())
				if f.Expires.IsZero() {
					if _, ok := raw["validThrough"]; ok {
						t.Errorf("validThrough = %v, want none: the posting has no expires", raw["validThrough"])
					}
				} else if jp.ValidThrough == nil || *jp.ValidThrough != f.Expires.EndIn(cs.TimeZone).Format(time.RFC3339) {
					t.Errorf("validThrough = %v, want the end of %v", jp.ValidThrough, f.Expires)
				}
				check("hiringOrganization.@type", jp.HiringOrganization.Type, "Organization")
				check("hiringOrganization.name", jp.HiringOrganization.Name, org.Text[lang].Name)
				check("hiringOrganization.sameAs", jp.HiringOrganization.SameAs, org.URL)
				if (org.Logo == "") != (jp.HiringOrganization.Logo == "") {
					t.Errorf("hiringOrganization.logo = %q for the logo %q", jp.HiringOrganization.Logo, org.Logo)
				}
				a := jp.JobLocation.Address
				check("jobLocation.@type", jp.JobLocation.Type, "Place")
				check("jobLocation.address.@type", a.Type, "PostalAddress")
				check("jobLocation.address.addressLocality", a.AddressLocality, f.Location.City)
				check("jobLocation.address.postalCode", a.PostalCode, f.Location.PostalCode)
				check("jobLocation.address.addressRegion", a.AddressRegion, f.Location.Region)
				check("jobLocation.address.addressCountry", a.AddressCountry, f.Location.Country)
				if f.Remote == "full" {
					check("jobLocationType", jp.JobLocationType, "TELECOMMUTE")
				} else {
					check("jobLocationType", jp.JobLocationType, "")
				}
				check("employmentType", jp.EmploymentType, jsonld.EmploymentType(f.Contract, f.Hours))
				if len(jp.EmploymentType) == 0 {
					t.Error("no employmentType")
				}
				if sal := f.Salary; sal == nil {
					if jp.BaseSalary != nil {
						t.Errorf("baseSalary %+v for a posting without salary", jp.BaseSalary)
					}
				} else if jp.BaseSalary == nil {
					t.Error("no baseSalary")
				} else {
					b := jp.BaseSalary
					check("baseSalary.@type", b.Type, "MonetaryAmount")
					check("baseSalary.currency", b.Currency, cmpOr(sal.Currency, "EUR"))
					check("salaryCurrency", jp.SalaryCurrency, b.Currency)
					check("baseSalary.value.@type", b.Value.Type, "QuantitativeValue")
					check("baseSalary.value.unitText", b.Value.UnitText, strings.ToUpper(sal.Period))
					if sal.Min == sal.Max {
						check("baseSalary.value.value", deref(b.Value.Value), sal.Min)
					} else {
						check("baseSalary.value.minValue", deref(b.Value.MinValue), sal.Min)
						check("baseSalary.value.maxValue", deref(b.Value.MaxValue), sal.Max)
					}
				}
				if f.Start.ASAP {
					check("jobImmediateStart", jp.JobImmediateStart, true)
				} else {
					check("jobStartDate", jp.JobStartDate, f.Start.Date.String())
				}
				check("identifier.@type", jp.Identifier.Type, "PropertyValue")
				check("identifier.value", jp.Identifier.Value, p.Slug)
				identifiers[jp.Identifier.Name+"\x00"+jp.Identifier.Value] = true
				if jp.DirectApply == nil || *jp.DirectApply {
					t.Errorf("directApply = %v, want false, written out", jp.DirectApply)
				}
				var residence []string
				for _, c := range jp.ApplicantLocationRequirements {
					check("applicantLocationRequirements.@type", c.Type, "Country")
					residence = append(residence, c.Name)
				}
				check("applicantLocationRequirements", residence, f.Residence)

				// The description holds how to apply, as text.
				desc := visibleText(jp.Description)
				if f.Apply.Subject != "" && !strings.Contains(desc, f.Apply.Subject) {
					t.Errorf("description does not give the subject %q:\n%s", f.Apply.Subject, desc)
				}
				for _, addr := range f.Apply.To {
					if !strings.Contains(desc, addr) {
						t.Errorf("description does not give the address %q", addr)
					}
				}
				// ... and only tags Google's job display renders.
				for _, tag := range regexp.MustCompile(`</?([a-zA-Z0-9]+)`).FindAllStringSubmatch(jp.Description, -1) {
					if !slices.Contains([]string{"p", "ul", "li", "br"}, strings.ToLower(tag[1])) {
						t.Errorf("description holds a <%s>", tag[1])
					}
				}

				// What the JSON-LD says is on the page, in words.
				text := visibleText(page)
				words := r.Facts(p, lang)
				for _, v := range []struct{ what, value string }{
					{"title", jp.Title},
					{"organization", jp.HiringOrganization.Name},
					{"city", jp.JobLocation.Address.AddressLocality},
					{"postal code", jp.JobLocation.Address.PostalCode},
					{"region", jp.JobLocation.Address.AddressRegion},
					{"place", words.Place},
					{"contract", words.Contract},
					{"hours", words.Hours},
					{"salary", words.Salary},
					{"start", words.Start},
					{"posted", words.Posted},
					{"residence", words.Residence},
				} {
					if v.value == "" {
						continue
					}
					if !strings.Contains(text, v.value) {
						t.Errorf("the %s %q is in the JSON-LD but not on the page", v.what, v.value)
					}
				}
				if sal := f.Salary; sal != nil {
					// The amounts on the page, whatever the separators.
					if got, want := digits(words.Salary), number(sal.Min)+number(sal.Max); sal.Min != sal.Max && got != want {
						t.Errorf("the salary on the page %q shows the digits %s, want %s", words.Salary, got, want)
					}
				}
			})
		}
		if len(identifiers) != 1 {
			t.Errorf("%s: the language pages carry different identifiers: %q", p.Slug, slices.Sorted(maps.Keys(identifiers)))
		}
	}
}

func cmpOr(a, b string) string {
	if a != "" {
		return a
	}
	return b
}

func deref(p *float64) any {
	if p == nil {
		return "(none)"
	}
	return *p
}

var (
	applyRE  = regexp.MustCompile(`(?s)<(\w+)\b[^>]*\bid="apply"[^>]*>`)
	mailtoRE = regexp.MustCompile(`href="(mailto:[^"]*)"`)
)

// applyHref finds the one mailto: link inside the element id="apply" of a
// page and returns its href, HTML-unescaped.
func applyHref(t *testing.T, name, page string) string {
	t.Helper()
	opens := applyRE.FindAllStringSubmatchIndex(page, -1)
	if len(opens) != 1 {
		t.Fatalf("%s: %d elements with id=\"apply\", want one", name, len(opens))
	}
	tag := page[opens[0][2]:opens[0][3]]
	start := opens[0][1]
	// The element ends at the first end tag of its name: the apply block
	// holds no element of its own kind.
	end := strings.Index(page[start:], "</"+tag+">")
	if end < 0 {
		t.Fatalf("%s: the <%s id=\"apply\"> is not closed", name, tag)
	}
	block := page[start : start+end]
	links := mailtoRE.FindAllStringSubmatch(block, -1)
	if len(links) != 1 {
		t.Fatalf("%s: %d mailto: links in the apply block, want one", name, len(links))
	}
	if n := strings.Count(page, "mailto:"); n != 1 {
		t.Errorf("%s: %d mailto: links on the page, want only the one of the apply block", name, n)
	}
	return html.UnescapeString(links[0][1])
}

// TestExampleApplyLink decodes the apply link of every posting page of the
// example site and wants the addresses and the subject of the front matter
// back, byte for byte, on every language's page.
func TestExampleApplyLink(t *testing.T) {
	out := buildExample(t, true)
	s, _ := loadSite(t, repoRoot, exampleToday)
	checkApplyLinks(t, out, s)
}

// TestHardSubjectThroughTheBuild gives the example posting a subject with
// every character that has a meaning in a URL or in HTML, and checks it
// comes back byte for byte from the built pages, minified or not: the
// escaping of internal/apply must survive html/template and the minifier.
func TestHardSubjectThroughTheBuild(t *testing.T) {
	root := copySite(t)
	const facts = "content/postings/mediateur-interculturel-calais.fr.md"
	editFile(t, root, facts, `subject: "candidature médiateur.rice interculturel.le"`,
		`subject: "Réf. 2025/07 — a+b & c=d ? #1 100% \"quoted\" 'single' <b> , ; 🙂"`)
	s, _ := loadSite(t, root, exampleToday)
	if got := s.Postings[0].Facts.Apply.Subject; !strings.Contains(got, "a+b & c=d") {
		t.Fatalf("the edited subject did not load: %q", got)
	}
	for _, minify := range []bool{true, false} {
		t.Run(fmt.Sprintf("minify=%v", minify), func(t *testing.T) {
			out := filepath.Join(t.TempDir(), "public")
			runBuild(t, build.Config{Root: root, Out: out, Today: exampleToday, NoMinify: !minify})
			checkApplyLinks(t, out, s)
		})
	}
}

// checkApplyLinks decodes the apply link of every open posting page of a
// built site and wants the addresses and subject of its front matter.
func checkApplyLinks(t *testing.T, out string, s *site.Site) {
	t.Helper()
	n := 0
	for _, p := range s.Postings {
		if p.Expired {
			continue
		}
		n += len(p.Langs)
		for _, lang := range p.Langs {
			t.Run(lang+"/"+p.Slug, func(t *testing.T) {
				sitePath := site.PostingPath(lang, p.Slug)
				page := readPage(t, out, sitePath)
				href := applyHref(t, sitePath, page)
				// url.ParseQuery reads "+" as a space, which is right only
				// because the link never holds a raw "+" (RFC 6068: a space
				// is %20, and "+" is escaped as %2B).
				if strings.Contains(href, "+") {
					t.Fatalf("raw + in the apply link %q", href)
				}
				u, err := url.Parse(href)
				if err != nil {
					t.Fatalf("%q: %v", href, err)
				}
				if u.Scheme != "mailto" || u.Opaque == "" {
					t.Fatalf("%q: scheme %q, opaque %q: want mailto:addresses", href, u.Scheme, u.Opaque)
				}
				var to []string
				for _, a := range strings.Split(u.Opaque, ",") {
					addr, err := url.PathUnescape(a)
					if err != nil {
						t.Fatalf("%q: address %q: %v", href, a, err)
					}
					to = append(to, addr)
				}
				if !slices.Equal(to, p.Facts.Apply.To) {
					t.Errorf("recipients %q, want %q", to, p.Facts.Apply.To)
				}
				q, err := url.ParseQuery(u.RawQuery)
				if err != nil {
					t.Fatalf("%q: query: %v", href, err)
				}
				if got, want := q.Get("subject"), p.Facts.Apply.Subject; got != want {
					t.Errorf("subject %q (% x), want %q (% x)", got, got, want, want)
				}
				if subj := p.Facts.Apply.Subject; subj != "" {
					// RFC 6068: UTF-8, percent-encoded, a space is %20.
					if strings.Contains(subj, " ") && !strings.Contains(u.RawQuery, "%20") {
						t.Errorf("query %q: a space of the subject is not written %%20", u.RawQuery)
					}
				}
				// The addresses and the subject are printed beside the link.
				text := visibleText(page)
				for _, a := range p.Facts.Apply.To {
					if !strings.Contains(text, a) {
						t.Errorf("the address %q is not printed on the page", a)
					}
				}
				if subj := p.Facts.Apply.Subject; !strings.Contains(text, subj) {
					t.Errorf("the subject %q is not printed on the page", subj)
				}
			})
		}
	}
	if n == 0 {
		t.Fatal("no open posting page to check")
	}
}

// i18nText reads an interface string of layouts/i18n/<lang>.yaml (a flat
// file of key: "text" lines) without a YAML parser.
func i18nText(t *testing.T, root, lang, key string) string {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(root, "layouts", "i18n", lang+".yaml"))
	if err != nil {
		t.Fatal(err)
	}
	m := regexp.MustCompile(`(?m)^` + regexp.QuoteMeta(key) + `:\s*("(?:[^"\\]|\\.)*")\s*$`).FindSubmatch(data)
	if m == nil {
		t.Fatalf("layouts/i18n/%s.yaml: no %s: \"…\" line", lang, key)
	}
	s, err := strconv.Unquote(string(m[1]))
	if err != nil {
		t.Fatalf("layouts/i18n/%s.yaml: %s: %v", lang, key, err)
	}
	return s
}

// TestExpiredPosting gives the example posting a closing date and builds
// the day after it and on it: the day after, its pages stay but say it is
// closed, with no JobPosting and no apply link, and it leaves the lists,
// the sitemap and the feeds for the archive; on the closing day itself it
// is open the whole day, in the site's time zone.
func TestExpiredPosting(t *testing.T) {
	root := copySite(t)
	const facts = "content/postings/mediateur-interculturel-calais.fr.md"
	editFile(t, root, facts, "\nposted: 2025-04-22", "\nposted: 2025-04-22\nexpires: 2025-06-30")
	tests := []struct {
		today string
		open  bool
	}{
		{"2026-11-25", false},
		{"2025-07-01", false}, // the next day
		{"2025-06-30", true},  // the closing day: open until 23:59:59, Paris time
		{"2025-05-01", true},
	}
	for _, tt := range tests {
		t.Run(tt.today, func(t *testing.T) {
			today, err := content.ParseDate(tt.today)
			if err != nil {
				t.Fatal(err)
			}
			out := filepath.Join(t.TempDir(), "public")
			runBuild(t, build.Config{Root: root, Out: out, Today: today})
			s, _ := loadSite(t, root, today)
			cs := s.Content
			var p *site.Posting
			for _, sp := range s.Postings {
				if strings.HasPrefix(facts, "content/postings/"+sp.Slug+".") {
					p = sp
				}
			}
			if p == nil || p.Facts.Expires.String() != "2025-06-30" {
				t.Fatalf("the edited posting is not loaded with its closing date: %+v", p)
			}
			for _, lang := range p.Langs {
				sitePath := site.PostingPath(lang, p.Slug)
				page := readPage(t, out, sitePath)
				status := regexp.MustCompile(`data-status="(\w+)"`).FindAllStringSubmatch(page, -1)
				wantStatus := map[bool]string{true: "open", false: "closed"}[tt.open]
				if len(status) != 1 || status[0][1] != wantStatus {
					t.Errorf("%s: data-status %v, want one, %q", sitePath, status, wantStatus)
				}
				closedNotice := i18nText(t, root, lang, "closed")
				visible := strings.Contains(visibleText(page), closedNotice)
				blocks := ldJSONBlocks(page)
				inList := strings.Contains(readPage(t, out, site.ListPath(lang)), `href="`+sitePath+`"`)
				inArchive := strings.Contains(readPage(t, out, site.ArchivePath(lang)), `href="`+sitePath+`"`)
				feed, err := os.ReadFile(filepath.Join(out, filepath.FromSlash(strings.TrimPrefix(site.FeedPath(lang), "/"))))
				if err != nil {
					t.Fatal(err)
				}
				inFeed := strings.Contains(string(feed), p.Slug)
				if tt.open {
					if visible {
						t.Errorf("%s: says %q while open", sitePath, closedNotice)
					}
					if len(blocks) != 1 {
						t.Errorf("%s: %d JSON-LD blocks, want one", sitePath, len(blocks))
					} else {
						jp, _ := pageJSONLD(t, sitePath, page)
						want := p.Facts.Expires.EndIn(cs.TimeZone).Format(time.RFC3339)
						if jp.ValidThrough == nil || *jp.ValidThrough != want || want != "2025-06-30T23:59:59+02:00" {
							t.Errorf("%s: validThrough %v, want %s and 2025-06-30T23:59:59+02:00", sitePath, jp.ValidThrough, want)
						}
					}
					applyHref(t, sitePath, page)
					if !inList || inArchive || !inFeed {
						t.Errorf("%s: in the list %v, in the archive %v, in the feed %v: want true, false, true", sitePath, inList, inArchive, inFeed)
					}
				} else {
					if !visible {
						t.Errorf("%s: does not say %q", sitePath, closedNotice)
					}
					if len(blocks) != 0 || strings.Contains(page, "ld+json") {
						t.Errorf("%s: %d JSON-LD blocks on a closed posting, want none", sitePath, len(blocks))
					}
					if strings.Contains(page, "mailto:") {
						t.Errorf("%s: a mailto: link on a closed posting", sitePath)
					}
					if strings.Contains(page, `id="apply"`) {
						t.Errorf("%s: an apply block on a closed posting", sitePath)
					}
					if inList || !inArchive || inFeed {
						t.Errorf("%s: in the list %v, in the archive %v, in the feed %v: want false, true, false", sitePath, inList, inArchive, inFeed)
					}
				}
			}
			for _, name := range []string{"sitemap.xml", "jobs.xml"} {
				data, err := os.ReadFile(filepath.Join(out, name))
				if err != nil {
					t.Fatal(err)
				}
				if in := strings.Contains(string(data), p.Slug); in != tt.open {
					t.Errorf("%s: lists the posting: %v, want %v", name, in, tt.open)
				}
			}
		})
	}
}

// A resource reference found in a file: where and what.
type resourceRef struct {
	kind, value string
}

var (
	srcRE     = regexp.MustCompile(`(?i)\s(src|srcset|poster|data)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))`)
	linkTagRE = regexp.MustCompile(`(?is)<link\b[^>]*>`)
	hrefRE    = regexp.MustCompile(`(?i)\shref\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))`)
	cssURLRE  = regexp.MustCompile(`(?i)url\(\s*(?:"([^"]*)"|'([^']*)'|([^)]*?))\s*\)`)
	importRE  = regexp.MustCompile(`(?i)@import\s+(?:"([^"]*)"|'([^']*)'|url\()`)
	svgHrefRE = regexp.MustCompile(`(?i)\s(?:xlink:)?href\s*=\s*(?:"([^"]*)"|'([^']*)')`)
)

func firstGroup(m []string) string {
	for _, g := range m[1:] {
		if g != "" {
			return g
		}
	}
	return ""
}

// loadedResources lists what a browser fetches because of a file: src
// (and srcset, poster, object data) attributes, <link> hrefs, CSS url()
// and @import, and href in SVG. <a href> is a link to follow, not a load.
func loadedResources(ext, data string) []resourceRef {
	var refs []resourceRef
	if ext == ".html" || ext == ".svg" {
		for _, m := range srcRE.FindAllStringSubmatch(data, -1) {
			v := firstGroup(append([]string{m[0]}, m[2:]...))
			if strings.EqualFold(m[1], "srcset") {
				for _, c := range strings.Split(v, ",") {
					if f := strings.Fields(c); len(f) > 0 {
						refs = append(refs, resourceRef{"srcset", f[0]})
					}
				}
				continue
			}
			refs = append(refs, resourceRef{strings.ToLower(m[1]), v})
		}
	}
	if ext == ".html" {
		for _, tag := range linkTagRE.FindAllString(data, -1) {
			if m := hrefRE.FindStringSubmatch(tag); m != nil {
				refs = append(refs, resourceRef{"link", firstGroup(m)})
			}
		}
	}
	if ext == ".svg" {
		for _, m := range svgHrefRE.FindAllStringSubmatch(data, -1) {
			refs = append(refs, resourceRef{"svg href", firstGroup(m)})
		}
	}
	// CSS: stylesheets, and style elements and attributes of pages and SVG.
	for _, m := range cssURLRE.FindAllStringSubmatch(data, -1) {
		refs = append(refs, resourceRef{"url()", firstGroup(m)})
	}
	for _, m := range importRE.FindAllStringSubmatch(data, -1) {
		if v := firstGroup(m); v != "" { // @import url(...) is counted as url()
			refs = append(refs, resourceRef{"@import", v})
		}
	}
	return refs
}

// sameOrigin reports whether v, a reference in a page of the site at
// baseURL, loads from the site itself: a relative reference, an address
// under baseURL, or data inline in the reference.
func sameOrigin(v, baseURL string) bool {
	v = strings.Trim(html.UnescapeString(v), " \t\n\"'")
	if strings.HasPrefix(strings.ToLower(v), "data:") {
		return true
	}
	u, err := url.Parse(v)
	if err != nil {
		return false
	}
	if u.Scheme == "" && u.Host == "" && !strings.HasPrefix(v, "//") {
		return true
	}
	return strings.HasPrefix(v, baseURL)
}

func TestLoadedResources(t *testing.T) {
	const base = "https://jobs.example.org/"
	tests := []struct {
		ext, data string
		foreign   []string
	}{
		{".html", `<img src="https://cdn.example.com/a.png">`, []string{"https://cdn.example.com/a.png"}},
		{".html", `<script src='//cdn.example.com/a.js'></script>`, []string{"//cdn.example.com/a.js"}},
		{".html", `<img srcset="/a.png 1x, http://x.example/b.png 2x">`, []string{"http://x.example/b.png"}},
		{".html", `<link rel=stylesheet href=https://fonts.example.com/css>`, []string{"https://fonts.example.com/css"}},
		{".html", `<link rel="canonical" href="https://jobs.example.org/fr/"><link rel="icon" href="/assets/i.svg">`, nil},
		{".html", `<a href="https://employer.example.com/">site</a><a href="mailto:a@b.example">mail</a>`, nil},
		{".html", `<div style="background:url(&quot;https://x.example/i.png&quot;)">`, []string{"&quot;https://x.example/i.png&quot;"}},
		{".css", `@import "https://fonts.example.com/a.css";body{background:url(/a.png)}`, []string{"https://fonts.example.com/a.css"}},
		{".css", `@import url(https://fonts.example.com/a.css);`, []string{"https://fonts.example.com/a.css"}},
		{".css", `a{background:url('data:image/svg+xml;utf8,<svg/>')}b{background:url( "https://jobs.example.org/x.png" )}`, nil},
		{".svg", `<svg><image href="https://x.example/i.png"/></svg>`, []string{"https://x.example/i.png"}},
	}
	for _, tt := range tests {
		var foreign []string
		for _, r := range loadedResources(tt.ext, tt.data) {
			if !sameOrigin(r.value, base) {
				foreign = append(foreign, r.value)
			}
		}
		if !slices.Equal(foreign, tt.foreign) {
			t.Errorf("%s %s: foreign %q, want %q", tt.ext, tt.data, foreign, tt.foreign)
		}
	}
}

// TestNoOtherOrigin scans every page, stylesheet and SVG of the minified
// example site for what a browser would fetch, and wants all of it from
// the site itself.
func TestNoOtherOrigin(t *testing.T) {
	out := buildExample(t, true)
	s, _ := loadSite(t, repoRoot, exampleToday)
	base := s.Content.BaseURL
	files := readTree(t, out)
	kinds := map[string]int{}
	for _, name := range sortedKeys(files) {
		ext := path.Ext(name)
		if ext != ".html" && ext != ".css" && ext != ".svg" {
			continue
		}
		for _, r := range loadedResources(ext, string(files[name])) {
			kinds[r.kind]++
			if !sameOrigin(r.value, base) {
				t.Errorf("%s: %s %q loads from another origin than %s", name, r.kind, r.value, base)
			}
			if r.kind != "link" && strings.HasPrefix(r.value, "/") {
				// A site path must name a file of the build.
				p := strings.TrimPrefix(strings.SplitN(r.value, "#", 2)[0], "/")
				if _, ok := files[p]; !ok {
					t.Errorf("%s: %s %q: no such file in the build", name, r.kind, r.value)
				}
			}
		}
	}
	if kinds["link"] == 0 {
		t.Errorf("found no <link> at all (%v): is the scan broken?", kinds)
	}
	// Every stylesheet and icon the pages link to is in the build.
	for _, name := range sortedKeys(files) {
		if path.Ext(name) != ".html" {
			continue
		}
		for _, tag := range linkTagRE.FindAllString(string(files[name]), -1) {
			if !regexp.MustCompile(`rel="?(stylesheet|icon)`).MatchString(tag) {
				continue
			}
			m := hrefRE.FindStringSubmatch(tag)
			if m == nil {
				t.Errorf("%s: %s has no href", name, tag)
				continue
			}
			href := firstGroup(m)
			if !strings.HasPrefix(href, "/") {
				href = path.Join(path.Dir(name), href) // the editor's page links to its own folder
			}
			if _, ok := files[strings.TrimPrefix(href, "/")]; !ok {
				t.Errorf("%s: %s: no such file in the build", name, tag)
			}
		}
	}
}

type sitemapSet struct {
	XMLName xml.Name     `xml:"http://www.sitemaps.org/schemas/sitemap/0.9 urlset"`
	URLs    []sitemapURL `xml:"url"`
}

type sitemapURL struct {
	Loc     string `xml:"loc"`
	LastMod string `xml:"lastmod"`
	Links   []struct {
		Rel      string `xml:"rel,attr"`
		Hreflang string `xml:"hreflang,attr"`
		Href     string `xml:"href,attr"`
	} `xml:"http://www.w3.org/1999/xhtml link"`
}

type atomLink struct {
	Rel      string `xml:"rel,attr"`
	Type     string `xml:"type,attr"`
	Hreflang string `xml:"hreflang,attr"`
	Href     string `xml:"href,attr"`
}

type atomFeed struct {
	XMLName xml.Name `xml:"http://www.w3.org/2005/Atom feed"`
	Lang    string   `xml:"http://www.w3.org/XML/1998/namespace lang,attr"`
	ID      string   `xml:"id"`
	Title   string   `xml:"title"`
	Updated string   `xml:"updated"`
	Author  []struct {
		Name string `xml:"name"`
	} `xml:"author"`
	Links   []atomLink `xml:"link"`
	Entries []struct {
		ID        string     `xml:"id"`
		Title     string     `xml:"title"`
		Updated   string     `xml:"updated"`
		Published string     `xml:"published"`
		Links     []atomLink `xml:"link"`
		Summary   string     `xml:"summary"`
		Content   struct {
			Type string `xml:"type,attr"`
			Body string `xml:",chardata"`
		} `xml:"content"`
	} `xml:"entry"`
}

type jobsFeed struct {
	XMLName xml.Name `xml:"source"`
	Jobs    []struct {
		Title           string `xml:"title"`
		Date            string `xml:"date"`
		ReferenceNumber string `xml:"referencenumber"`
		RequisitionID   string `xml:"requisitionid"`
		URL             string `xml:"url"`
		Company         string `xml:"company"`
		City            string `xml:"city"`
		State           string `xml:"state"`
		JobType         string `xml:"jobtype"`
		PostalCode      string `xml:"postalcode"`
		Country         string `xml:"country"`
		Email           string `xml:"email"`
		Description     string `xml:"description"`
	} `xml:"job"`
}

func parseXMLFile(t *testing.T, out, name string, v any) {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(out, filepath.FromSlash(name)))
	if err != nil {
		t.Fatal(err)
	}
	if err := xml.Unmarshal(data, v); err != nil {
		t.Fatalf("%s: %v", name, err)
	}
}

func linkOf(links []atomLink, rel string) *atomLink {
	for i := range links {
		if cmpOr(links[i].Rel, "alternate") == rel {
			return &links[i]
		}
	}
	return nil
}

// TestExampleSitemapAndFeeds parses the sitemap, robots.txt, the Atom feeds
// and the job feed of the minified example site with encoding/xml and
// checks them against the assembled site.
func TestExampleSitemapAndFeeds(t *testing.T) {
	out := buildExample(t, true)
	s, _ := loadSite(t, repoRoot, exampleToday)
	cs := s.Content
	abs := func(sitePath string) string { return cs.BaseURL + strings.TrimPrefix(sitePath, "/") }

	t.Run("sitemap", func(t *testing.T) {
		var sm sitemapSet
		parseXMLFile(t, out, "sitemap.xml", &sm)
		byLoc := map[string]sitemapURL{}
		for _, u := range sm.URLs {
			if _, dup := byLoc[u.Loc]; dup {
				t.Errorf("%s listed twice", u.Loc)
			}
			byLoc[u.Loc] = u
			if _, err := content.ParseDate(u.LastMod); err != nil {
				t.Errorf("%s: lastmod %q: %v", u.Loc, u.LastMod, err)
			}
		}
		want := 0
		for _, pg := range s.Pages {
			closed := pg.Kind == site.PostingPage && pg.Posting.Expired
			u, listed := byLoc[abs(pg.Path)]
			if pg.Kind == site.NotFoundPage || closed || pg.Unlinked { // see TestSitemapReachable
				if listed {
					t.Errorf("%s listed in the sitemap", pg.Path)
				}
				continue
			}
			want++
			if !listed {
				t.Errorf("%s missing from the sitemap", pg.Path)
				continue
			}
			if pg.Kind != site.PostingPage {
				continue
			}
			p := pg.Posting
			if u.LastMod != p.Facts.Posted.String() {
				t.Errorf("%s: lastmod %s, want the posted date %v", pg.Path, u.LastMod, p.Facts.Posted)
			}
			got := map[string]string{}
			for _, l := range u.Links {
				if l.Rel != "alternate" {
					t.Errorf("%s: xhtml:link rel=%q", pg.Path, l.Rel)
				}
				got[l.Hreflang] = l.Href
			}
			wantAlt := map[string]string{"x-default": abs(site.PostingPath(cs.DefaultLanguage(), p.Slug))}
			for _, lang := range cs.Languages {
				wantAlt[lang] = abs(site.PostingPath(lang, p.Slug))
			}
			if fmt.Sprint(got) != fmt.Sprint(wantAlt) {
				t.Errorf("%s: alternates %v, want %v", pg.Path, got, wantAlt)
			}
		}
		if len(sm.URLs) != want {
			t.Errorf("the sitemap lists %d addresses, want %d", len(sm.URLs), want)
		}
	})

	t.Run("robots.txt", func(t *testing.T) {
		data, err := os.ReadFile(filepath.Join(out, "robots.txt"))
		if err != nil {
			t.Fatal(err)
		}
		lines := strings.Split(strings.ReplaceAll(string(data), "\r\n", "\n"), "\n")
		if !slices.Contains(lines, "Sitemap: "+abs("/sitemap.xml")) {
			t.Errorf("robots.txt has no line %q:\n%s", "Sitemap: "+abs("/sitemap.xml"), data)
		}
	})

	for _, lang := range cs.Languages {
		t.Run("atom/"+lang, func(t *testing.T) {
			var f atomFeed
			feedPath := site.FeedPath(lang)
			parseXMLFile(t, out, strings.TrimPrefix(feedPath, "/"), &f)
			if f.ID == "" || f.Title == "" {
				t.Errorf("feed id %q, title %q: both required", f.ID, f.Title)
			}
			if f.Lang != lang {
				t.Errorf("xml:lang %q, want %q", f.Lang, lang)
			}
			if _, err := time.Parse(time.RFC3339, f.Updated); err != nil {
				t.Errorf("updated: %v", err)
			}
			if len(f.Author) == 0 || f.Author[0].Name == "" {
				t.Error("no author name (required by Atom when an entry has none)")
			}
			if l := linkOf(f.Links, "self"); l == nil || l.Href != abs(feedPath) {
				t.Errorf("self link %+v, want %s", l, abs(feedPath))
			}
			if l := linkOf(f.Links, "alternate"); l == nil || l.Href != abs(site.ListPath(lang)) {
				t.Errorf("alternate link %+v, want %s", l, abs(site.ListPath(lang)))
			}
			var want []string
			for _, p := range s.Postings { // newest first
				if !p.Expired && p.Translations[lang] != nil {
					want = append(want, abs(site.PostingPath(lang, p.Slug)))
				}
			}
			var got []string
			for _, e := range f.Entries {
				l := linkOf(e.Links, "alternate")
				if l == nil {
					t.Errorf("entry %q has no alternate link", e.ID)
					continue
				}
				got = append(got, l.Href)
				if e.ID == "" || e.Title == "" {
					t.Errorf("entry %s: id %q, title %q: both required", l.Href, e.ID, e.Title)
				}
				if _, err := time.Parse(time.RFC3339, e.Updated); err != nil {
					t.Errorf("entry %s: updated: %v", l.Href, err)
				}
				for _, p := range s.Postings {
					if l.Href == abs(site.PostingPath(lang, p.Slug)) && e.Title != p.Translations[lang].Title {
						t.Errorf("entry %s: title %q, want %q", l.Href, e.Title, p.Translations[lang].Title)
					}
				}
				// The entry carries the posting's whole text, as HTML: every
				// word of it is on the posting's page.
				if e.Content.Type != "html" || len(visibleText(e.Content.Body)) < 200 {
					t.Errorf("entry %s: content type %q, %d characters of text: want the posting's text as html", l.Href, e.Content.Type, len(visibleText(e.Content.Body)))
				} else if page := visibleText(readPage(t, out, strings.TrimPrefix(l.Href, strings.TrimSuffix(cs.BaseURL, "/")))); !strings.Contains(noSpace(page), noSpace(visibleText(e.Content.Body))) {
					t.Errorf("entry %s: the content's text is not the page's:\n%s", l.Href, visibleText(e.Content.Body))
				}
			}
			if !slices.Equal(got, want) {
				t.Errorf("entries %q, want the open postings %q", got, want)
			}
			if len(want) == 0 {
				t.Error("the example site has no open posting in this language")
			}
			// Every page of the language points to its feed.
			for _, pg := range s.Pages {
				if pg.Lang != lang || pg.Kind == site.NotFoundPage {
					continue
				}
				head := headRE.FindString(readPage(t, out, pg.Path))
				if !strings.Contains(head, `type="application/atom+xml"`) || !strings.Contains(head, `href="`+abs(feedPath)+`"`) {
					t.Errorf("%s: no <link rel=\"alternate\" type=\"application/atom+xml\"> to %s", pg.Path, abs(feedPath))
				}
			}
		})
	}

	t.Run("jobs.xml", func(t *testing.T) {
		var f jobsFeed
		parseXMLFile(t, out, "jobs.xml", &f)
		var want []string
		for _, p := range s.Postings {
			if !p.Expired {
				want = append(want, p.Slug)
			}
		}
		var got []string
		for _, j := range f.Jobs {
			got = append(got, j.ReferenceNumber)
			var p *site.Posting
			for _, sp := range s.Postings {
				if sp.Slug == j.ReferenceNumber {
					p = sp
				}
			}
			if p == nil {
				continue
			}
			lang := cs.DefaultLanguage()
			if p.Translations[lang] == nil {
				lang = p.Langs[0]
			}
			fa := p.Facts
			for _, c := range []struct{ what, got, want string }{
				{"title", j.Title, p.Translations[lang].Title},
				{"date", j.Date, fa.Posted.String()},
				{"url", j.URL, abs(site.PostingPath(lang, p.Slug))},
				{"company", j.Company, cs.Organizations[fa.Organization].Text[lang].Name},
				{"city", j.City, fa.Location.City},
				{"postalcode", j.PostalCode, fa.Location.PostalCode},
				{"country", j.Country, fa.Location.Country},
				{"requisitionid", j.RequisitionID, p.Slug},
				{"state", j.State, fa.Location.Region},
				// Indeed sends applications to one address: a posting
				// that needs several gives none (candidates apply
				// from its page).
				{"email", j.Email, map[bool]string{true: fa.Apply.To[0]}[len(fa.Apply.To) == 1]},
				// The example: a full-time CDI.
				{"jobtype", j.JobType, map[bool]string{true: "fulltime"}[fa.Contract == content.CDI && fa.Hours == "full-time"]},
			} {
				if c.got != c.want {
					t.Errorf("%s: %s %q, want %q", p.Slug, c.what, c.got, c.want)
				}
			}
			if strings.TrimSpace(j.Description) == "" {
				t.Errorf("%s: empty description", p.Slug)
			}
		}
		if !slices.Equal(got, want) {
			t.Errorf("jobs %q, want the open postings %q", got, want)
		}
	})
}

// TestHostileTextInJSONLD puts what could end a script element or a
// JavaScript string into a title and a summary: the JSON-LD block must
// stay one block, give the text back exactly, and the page must still
// parse, with minification on and off.
func TestHostileTextInJSONLD(t *testing.T) {
	root := copySite(t)
	const en = "content/postings/mediateur-interculturel-calais.en.md"
	editFile(t, root, en, "title: Intercultural mediator", `title: "A </script><!-- <script> \u2028\u2029 & \"é\" mediator"`)
	editFile(t, root, en, `summary: "Permanent`, `summary: "</SCRIPT ><!-- x --> Permanent`)
	s, _ := loadSite(t, root, exampleToday)
	p := s.Postings[0]
	tr := p.Translations["en"]
	if !strings.Contains(tr.Title, "</script>") || !strings.Contains(tr.Title, "\u2028") {
		t.Fatalf("the edited title did not load: %q", tr.Title)
	}
	for _, minify := range []bool{true, false} {
		t.Run(fmt.Sprintf("minify=%v", minify), func(t *testing.T) {
			out := filepath.Join(t.TempDir(), "public")
			runBuild(t, build.Config{Root: root, Out: out, Today: exampleToday, NoMinify: !minify})
			sitePath := site.PostingPath("en", p.Slug)
			page := readPage(t, out, sitePath)
			if strings.Count(page, "<script") != strings.Count(page, "</script>") {
				t.Errorf("%d <script and %d </script>: a script element was broken", strings.Count(page, "<script"), strings.Count(page, "</script>"))
			}
			blocks := ldJSONBlocks(page)
			if len(blocks) != 1 {
				t.Fatalf("%d JSON-LD blocks, want one", len(blocks))
			}
			// What could end the script element or change its state.
			for _, bad := range []string{"</", "<!", "<s", "<S", "\u2028", "\u2029"} {
				if strings.Contains(blocks[0], bad) {
					t.Errorf("the JSON-LD block holds a raw %q", bad)
				}
			}
			jp, _ := pageJSONLD(t, sitePath, page)
			if jp.Title != tr.Title {
				t.Errorf("title %q, want %q", jp.Title, tr.Title)
			}
			if _, err := htmlOutline(page); err != nil {
				t.Errorf("the page does not parse: %v", err)
			}
			if !strings.Contains(visibleText(page), tr.Title) {
				t.Errorf("the title %q is not on the page", tr.Title)
			}
		})
	}
}

// TestBaseURLWithPath builds the example site for an address below the
// host's root, as GitHub and GitLab Pages give a project
// (https://org.github.io/jobs/): every link and resource of a page that
// stays on the site must then start with /jobs/.
func TestBaseURLWithPath(t *testing.T) {
	root := copySite(t)
	editFile(t, root, "content/site.yaml", "\nbase_url: https://emplois.ecpat-france.org/", "\nbase_url: https://org.github.io/jobs/")
	out := filepath.Join(t.TempDir(), "public")
	runBuild(t, build.Config{Root: root, Out: out, Today: exampleToday})
	attrRE := regexp.MustCompile(`\s(?:href|src)="(/[^"]*)"`)
	for name, data := range readTree(t, out) {
		if path.Ext(name) != ".html" {
			continue
		}
		for _, m := range attrRE.FindAllStringSubmatch(string(data), -1) {
			if !strings.HasPrefix(m[1], "/jobs/") {
				t.Errorf("%s: %q is outside the site at /jobs/", name, m[1])
			}
		}
	}
	sitemap := readTree(t, out)["sitemap.xml"]
	if !strings.Contains(string(sitemap), "<loc>https://org.github.io/jobs/fr/mediateur-interculturel-calais/</loc>") {
		t.Errorf("sitemap.xml does not list the posting below /jobs/:\n%s", sitemap)
	}
}

// TestJobsFeedAllCDATA puts what XML would escape into a posting's title
// and checks jobs.xml as Indeed reads it: every value of every element in
// a CDATA section and no entity outside one, minified or not (the XML
// minifier used to rewrite the sections as escaped text).
func TestJobsFeedAllCDATA(t *testing.T) {
	root := copySite(t)
	const fr = "content/postings/mediateur-interculturel-calais.fr.md"
	editFile(t, root, fr, "title: Médiateur.rice interculturel.le", `title: "Médiateur & interprète <arabe> ]]> fin"`)
	feeds := map[bool][]byte{}
	for _, minify := range []bool{true, false} {
		t.Run(fmt.Sprintf("minify=%v", minify), func(t *testing.T) {
			out := filepath.Join(t.TempDir(), "public")
			runBuild(t, build.Config{Root: root, Out: out, Today: exampleToday, NoMinify: !minify})
			data, err := os.ReadFile(filepath.Join(out, "jobs.xml"))
			if err != nil {
				t.Fatal(err)
			}
			feeds[minify] = data
			rest, texts := splitCDATA(t, data)
			if i := strings.IndexByte(rest, '&'); i >= 0 {
				t.Errorf("an entity outside CDATA: %q", rest[max(0, i-40):min(len(rest), i+40)])
			}
			var f jobsFeed
			if err := xml.Unmarshal(data, &f); err != nil {
				t.Fatal(err)
			}
			if len(f.Jobs) == 0 || !strings.Contains(f.Jobs[0].Title, "& interprète <arabe> ]]> fin") {
				t.Fatalf("the title did not come back whole: %+v", f.Jobs)
			}
			if len(texts) == 0 {
				t.Error("no CDATA section at all")
			}
		})
	}
	if !bytes.Equal(feeds[true], feeds[false]) {
		t.Error("jobs.xml differs with and without -minify: it is never minified")
	}
}

// splitCDATA parses an XML document and returns its text outside CDATA
// sections (markup included) and the sections' texts. Character data
// outside CDATA other than white space between elements fails the test.
func splitCDATA(t *testing.T, data []byte) (outside string, sections []string) {
	t.Helper()
	var b strings.Builder
	s := string(data)
	for {
		i := strings.Index(s, "<![CDATA[")
		if i < 0 {
			b.WriteString(s)
			break
		}
		j := strings.Index(s[i:], "]]>")
		if j < 0 {
			t.Fatalf("an unclosed CDATA section: %q", s[i:])
		}
		b.WriteString(s[:i])
		sections = append(sections, s[i+len("<![CDATA["):i+j])
		s = s[i+j+len("]]>"):]
	}
	outside = b.String()
	dec := xml.NewDecoder(strings.NewReader(outside))
	for {
		tok, err := dec.Token()
		if err != nil {
			break
		}
		if cd, ok := tok.(xml.CharData); ok && strings.TrimSpace(string(cd)) != "" {
			t.Errorf("text outside CDATA: %q", cd)
		}
	}
	return outside, sections
}

var attrRE = regexp.MustCompile(`\s([a-z-]+)="([^"]*)"`)

// headAlternates are the hreflang alternates in a page's head (feeds,
// which carry a type, aside), by language.
func headAlternates(page string) map[string]string {
	alts := map[string]string{}
	for _, tag := range linkTagRE.FindAllString(headRE.FindString(page), -1) {
		attrs := map[string]string{}
		for _, m := range attrRE.FindAllStringSubmatch(tag, -1) {
			attrs[m[1]] = html.UnescapeString(m[2])
		}
		if attrs["rel"] == "alternate" && attrs["type"] == "" && attrs["hreflang"] != "" {
			alts[attrs["hreflang"]] = attrs["href"]
		}
	}
	return alts
}

// TestHreflangClusters reads the sitemap and the heads of the pages it
// lists, for the example site and for one with a posting in one language
// only: every cluster of alternates names the page itself, every page it
// names is in the sitemap and names the same cluster back, and a page's
// head says what its sitemap entry says.
func TestHreflangClusters(t *testing.T) {
	oneLang := copySite(t)
	if err := os.WriteFile(filepath.Join(oneLang, "content/postings/seulement-fr.fr.md"), []byte(strings.Replace(
		string(must(os.ReadFile(filepath.Join(repoRoot, "content/postings/mediateur-interculturel-calais.fr.md")))),
		"title: Médiateur.rice interculturel.le", "title: Un poste en français seulement", 1)), 0o644); err != nil {
		t.Fatal(err)
	}
	for name, root := range map[string]string{"example": repoRoot, "one language": oneLang} {
		t.Run(name, func(t *testing.T) {
			out := filepath.Join(t.TempDir(), "public")
			runBuild(t, build.Config{Root: root, Out: out, Today: exampleToday})
			checkClusters(t, out)
		})
	}
}

// checkClusters checks the hreflang clusters of the site built into out
// (see TestHreflangClusters).
func checkClusters(t *testing.T, out string) {
	t.Helper()
	var sm sitemapSet
	parseXMLFile(t, out, "sitemap.xml", &sm)
	base := ""
	clusters := map[string]map[string]string{}
	for _, u := range sm.URLs {
		c := map[string]string{}
		for _, l := range u.Links {
			c[l.Hreflang] = l.Href
		}
		clusters[u.Loc] = c
		if base == "" || len(u.Loc) < len(base) {
			base = u.Loc // the shortest address: the site's root
		}
	}
	for loc, c := range clusters {
		if len(c) > 0 && !slices.Contains(slices.Collect(maps.Values(c)), loc) {
			t.Errorf("%s: its alternates %v do not name it", loc, c)
		}
		if len(c) > 0 && c["x-default"] == "" {
			t.Errorf("%s: no x-default in %v", loc, c)
		}
		for lang, href := range c {
			back, listed := clusters[href]
			switch {
			case !listed:
				t.Errorf("%s: its %s alternate %s is not in the sitemap", loc, lang, href)
			case !maps.Equal(back, c):
				t.Errorf("%s names %s (%s), which names %v back, not %v", loc, href, lang, back, c)
			}
		}
		page := readPage(t, out, "/"+strings.TrimPrefix(loc, base))
		if head := headAlternates(page); !maps.Equal(head, c) {
			t.Errorf("%s: the head names %v, the sitemap %v", loc, head, c)
		}
	}
	if c := clusters[base]; c["x-default"] != base || c["fr"] != base+"fr/" || c["en"] != base+"en/" {
		t.Errorf("/ names %v: want the chooser / as x-default of /fr/ and /en/", c)
	}
}

func must[T any](v T, err error) T {
	if err != nil {
		panic(err)
	}
	return v
}

// anchorRE finds the links a reader follows: <a href>, not <link>.
var anchorRE = regexp.MustCompile(`<a\b[^>]*\shref="([^"]*)"`)

// TestSitemapReachable follows the links of the built pages from / and
// checks that every address of the sitemap is reached, for the example
// site (one place, no closed posting: an empty archive) and for one with
// a closed posting and two places.
func TestSitemapReachable(t *testing.T) {
	twoPlaces := copySite(t)
	src := string(must(os.ReadFile(filepath.Join(repoRoot, "content/postings/mediateur-interculturel-calais.fr.md"))))
	for name, edit := range map[string]func(string) string{
		"lille": func(s string) string {
			return strings.Replace(strings.Replace(s, "city: Calais", "city: Lille", 1), "postal_code: \"62100\"", "postal_code: \"59000\"", 1)
		},
		"ferme": func(s string) string {
			return strings.Replace(s, "posted: 2025-04-22", "posted: 2025-01-02\nexpires: 2025-02-01", 1)
		},
	} {
		if err := os.WriteFile(filepath.Join(twoPlaces, "content/postings/"+name+".fr.md"), []byte(edit(src)), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	for name, root := range map[string]string{"example": repoRoot, "two places, one closed": twoPlaces} {
		t.Run(name, func(t *testing.T) {
			out := filepath.Join(t.TempDir(), "public")
			runBuild(t, build.Config{Root: root, Out: out, Today: exampleToday})
			s, _ := loadSite(t, root, exampleToday)
			base := strings.TrimSuffix(s.Content.BaseURL, "/")
			reached := map[string]bool{}
			queue := []string{"/"}
			for len(queue) > 0 {
				p := queue[0]
				queue = queue[1:]
				if reached[p] {
					continue
				}
				reached[p] = true
				for _, m := range anchorRE.FindAllStringSubmatch(readPage(t, out, p), -1) {
					href := html.UnescapeString(m[1])
					href = strings.TrimPrefix(href, base)
					if !strings.HasPrefix(href, "/") || strings.HasPrefix(href, "//") || !strings.HasSuffix(href, "/") {
						continue // another site, a fragment, a feed, an asset
					}
					if !reached[href] {
						queue = append(queue, href)
					}
				}
			}
			var sm sitemapSet
			parseXMLFile(t, out, "sitemap.xml", &sm)
			for _, u := range sm.URLs {
				if !reached[strings.TrimPrefix(u.Loc, base)] {
					t.Errorf("%s is in the sitemap, but no link from / leads to it", u.Loc)
				}
			}
			if name != "example" && len(sm.URLs) < 10 {
				t.Errorf("only %d addresses in the sitemap", len(sm.URLs))
			}
			checkClusters(t, out)
		})
	}
}

// TestAtomFullTexts builds a site of 70 postings: each Atom feed lists
// every open posting, newest first, and the 50 newest carry their whole
// text, the others their summary.
func TestAtomFullTexts(t *testing.T) {
	dir := t.TempDir()
	if _, err := gensite.Write(dir, gensite.Options{N: 70, Seed: 5, Theme: repoRoot}); err != nil {
		t.Fatal(err)
	}
	today := content.DateOf(gensite.DefaultNow)
	out := filepath.Join(t.TempDir(), "public")
	runBuild(t, build.Config{Root: dir, Out: out, Today: today})
	s, _ := loadSite(t, dir, today)
	var f atomFeed
	parseXMLFile(t, out, "fr/feed.xml", &f)
	open := len(openIn(s, "fr"))
	if len(f.Entries) != open || open <= 50 {
		t.Fatalf("%d entries, %d open postings: want them all, more than 50", len(f.Entries), open)
	}
	for i, e := range f.Entries {
		if full := e.Content.Body != ""; full != (i < 50) || e.Summary == "" {
			t.Errorf("entry %d (%s): text %v, summary %q; want the text in the 50 newest, a summary in all", i, e.ID, full, e.Summary)
		}
	}
}

func openIn(s *site.Site, lang string) []*site.Posting {
	var out []*site.Posting
	for _, p := range s.Postings {
		if !p.Expired && p.Translations[lang] != nil {
			out = append(out, p)
		}
	}
	return out
}

package build

import (
	"bytes"
	"strings"
	"time"

	"github.com/jobboard/jobboard/internal/content"
	"github.com/jobboard/jobboard/internal/feeds"
	"github.com/jobboard/jobboard/internal/render"
	"github.com/jobboard/jobboard/internal/site"
)

// writeFeeds writes what machines read besides the pages: the sitemap,
// robots.txt, an Atom feed per language and the job feed for aggregators.
//
// need says whether a file must be made; nil means all of them.
func writeFeeds(r *render.Renderer, s *site.Site, m *minifier, w Writer, need func(name string) bool) error {
	var raw, small bytes.Buffer
	emit := func(name, mediatype string, write func(*bytes.Buffer) error) error {
		if need != nil && !need(name) {
			return nil
		}
		raw.Reset()
		if err := write(&raw); err != nil {
			return err
		}
		data := raw.Bytes()
		if mediatype != "" {
			var err error
			if data, err = m.bytes(&small, mediatype, data); err != nil {
				return err
			}
		}
		return w(name, data)
	}
	if err := emit("sitemap.xml", "application/xml", func(buf *bytes.Buffer) error {
		return feeds.WriteSitemap(buf, sitemapURLs(s))
	}); err != nil {
		return err
	}
	if err := emit("robots.txt", "", func(buf *bytes.Buffer) error {
		return feeds.WriteRobots(buf, s.URL("/sitemap.xml"))
	}); err != nil {
		return err
	}
	for _, lang := range s.Content.Languages {
		if err := emit(strings.TrimPrefix(site.FeedPath(lang), "/"), "application/atom+xml", func(buf *bytes.Buffer) error {
			return feeds.WriteAtom(buf, atomFeed(r, s, lang))
		}); err != nil {
			return err
		}
	}
	return emit("jobs.xml", "application/xml", func(buf *bytes.Buffer) error {
		return feeds.WriteJobs(buf, jobFeed(r, s))
	})
}

// sitemapURLs lists every page but closed postings and the 404 page, with
// its translations as alternates and the newest posting date it shows as
// lastmod, so the same content always gives the same sitemap.
func sitemapURLs(s *site.Site) []feeds.SitemapURL {
	var newest content.Date
	for _, p := range s.Postings {
		if !p.Expired && p.Facts.Posted.After(newest) {
			newest = p.Facts.Posted
		}
	}
	var urls []feeds.SitemapURL
	for _, pg := range s.Pages {
		lastmod := newest
		switch pg.Kind {
		case site.NotFoundPage:
			continue
		case site.PostingPage:
			if pg.Posting.Expired {
				continue
			}
			lastmod = pg.Posting.Facts.Posted
		case site.ArchivePage, site.ListPage, site.ContractPage, site.PlacePage:
			// A list changes when the newest posting it shows does; an empty
			// list keeps the site's newest date.
			var shown content.Date
			for _, e := range pg.Entries {
				if e.Posting.Facts.Posted.After(shown) {
					shown = e.Posting.Facts.Posted
				}
			}
			if !shown.IsZero() {
				lastmod = shown
			}
		}
		u := feeds.SitemapURL{Loc: s.URL(pg.Path), LastMod: lastmod}
		if len(pg.Alternates) > 2 { // a page in one language only has no alternates to give
			for _, a := range pg.Alternates {
				u.Alternates = append(u.Alternates, feeds.Alternate{Lang: a.Lang, URL: s.URL(a.Path)})
			}
		}
		urls = append(urls, u)
	}
	return urls
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

func atomFeed(r *render.Renderer, s *site.Site, lang string) feeds.AtomFeed {
	cs := s.Content
	f := feeds.AtomFeed{
		ID:         s.URL(site.FeedPath(lang)),
		Title:      cs.Title[lang],
		Subtitle:   cs.Description[lang],
		Lang:       lang,
		SelfURL:    s.URL(site.FeedPath(lang)),
		AltURL:     s.URL(site.ListPath(lang)),
		AuthorName: cs.Title[lang],
		AuthorURI:  cs.BaseURL,
		// With no posting, the feed changes when the build day does not: use a
		// fixed instant rather than the clock, for byte-identical builds.
		Updated: time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC),
	}
	for _, p := range openIn(s, lang) {
		tr := p.Translations[lang]
		posted := p.Facts.Posted.In(cs.TimeZone)
		f.Entries = append(f.Entries, feeds.AtomEntry{
			ID:          s.URL(site.PostingPath(lang, p.Slug)),
			Title:       tr.Title,
			URL:         s.URL(site.PostingPath(lang, p.Slug)),
			Summary:     r.Summary(tr),
			ContentHTML: string(r.BodyHTML(tr)),
			Published:   posted,
			Updated:     posted,
			Categories:  []string{string(p.Facts.Contract), p.Facts.Location.City},
		})
	}
	return f
}

// jobFeed is the Indeed-style XML feed, in the default language, holding
// every open posting as the aggregators require.
func jobFeed(r *render.Renderer, s *site.Site) feeds.JobFeed {
	cs := s.Content
	lang := cs.DefaultLanguage()
	f := feeds.JobFeed{Publisher: cs.Title[lang], PublisherURL: cs.BaseURL}
	var last content.Date
	for _, p := range s.Postings {
		if p.Expired {
			continue
		}
		l := lang
		if p.Translations[l] == nil {
			l = p.Langs[0]
		}
		tr := p.Translations[l]
		facts := r.Facts(p, l)
		org := cs.Organizations[p.Facts.Organization]
		job := feeds.Job{
			Title:           tr.Title,
			Date:            p.Facts.Posted,
			ReferenceNumber: p.Slug,
			URL:             s.URL(site.PostingPath(l, p.Slug)),
			Company:         org.Text[l].Name,
			City:            p.Facts.Location.City,
			State:           p.Facts.Location.Region,
			PostalCode:      p.Facts.Location.PostalCode,
			Country:         p.Facts.Location.Country,
			Email:           strings.Join(p.Facts.Apply.To, ","),
			Salary:          facts.Salary,
			JobType:         facts.Contract,
			Description:     string(r.BodyHTML(tr)),
			ExpirationDate:  p.Facts.Expires,
			Remote:          p.Facts.Remote,
		}
		f.Jobs = append(f.Jobs, job)
		if p.Facts.Posted.After(last) {
			last = p.Facts.Posted
		}
	}
	if last.IsZero() {
		f.LastBuildDate = time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)
	} else {
		f.LastBuildDate = last.In(cs.TimeZone)
	}
	return f
}

// Command xmlcheck reads what aggregators read beside the pages of a built
// site and fails on what they would refuse or misread:
//
//   - jobs.xml: every value of every job in a CDATA section, no entity
//     outside one (Indeed reads none), and the elements Indeed's XML feed
//     reference marks required, not empty;
//   - sitemap.xml (or, when it is an index, the sitemaps it lists, read
//     from the same folder): every cluster of hreflang alternates names the page
//     itself and an x-default, and every page it names is in the sitemap
//     and names the same cluster back (Google ignores the rest).
//
// It is run by .ci/run (step f) as: go run .ci/xmlcheck/main.go public/
package main

import (
	"encoding/xml"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"strings"
)

func main() {
	if len(os.Args) != 2 {
		fmt.Fprintln(os.Stderr, "usage: go run .ci/xmlcheck/main.go <built site folder>")
		os.Exit(2)
	}
	var problems []string
	problems = append(problems, checkJobs(filepath.Join(os.Args[1], "jobs.xml"))...)
	problems = append(problems, checkSitemap(filepath.Join(os.Args[1], "sitemap.xml"))...)
	for _, p := range problems {
		fmt.Fprintln(os.Stderr, p)
	}
	if len(problems) > 0 {
		os.Exit(1)
	}
}

// required are the job elements Indeed's reference marks required and
// jobboard always fills (state is the posting's optional region).
var required = []string{"title", "date", "referencenumber", "requisitionid", "url", "company", "city", "country", "description"}

func checkJobs(name string) []string {
	data, err := os.ReadFile(name)
	if err != nil {
		return []string{err.Error()}
	}
	var problems []string
	// Outside the CDATA sections, only markup and white space.
	var outside strings.Builder
	for s := string(data); ; {
		i := strings.Index(s, "<![CDATA[")
		if i < 0 {
			outside.WriteString(s)
			break
		}
		j := strings.Index(s[i:], "]]>")
		if j < 0 {
			return []string{name + ": an unclosed CDATA section"}
		}
		outside.WriteString(s[:i])
		s = s[i+j+len("]]>"):]
	}
	if i := strings.IndexByte(outside.String(), '&'); i >= 0 {
		problems = append(problems, fmt.Sprintf("%s: an entity outside CDATA: %.60q", name, outside.String()[i:]))
	}
	dec := xml.NewDecoder(strings.NewReader(outside.String()))
	for {
		tok, err := dec.Token()
		if err != nil {
			break
		}
		if cd, ok := tok.(xml.CharData); ok && strings.TrimSpace(string(cd)) != "" {
			problems = append(problems, fmt.Sprintf("%s: text outside CDATA: %.60q", name, cd))
		}
	}
	var feed struct {
		Jobs []struct {
			Fields []struct {
				XMLName xml.Name
				Text    string `xml:",chardata"`
			} `xml:",any"`
		} `xml:"job"`
	}
	if err := xml.Unmarshal(data, &feed); err != nil {
		return append(problems, name+": "+err.Error())
	}
	for i, j := range feed.Jobs {
		have := map[string]bool{}
		for _, f := range j.Fields {
			have[f.XMLName.Local] = strings.TrimSpace(f.Text) != ""
		}
		for _, r := range required {
			if !have[r] {
				problems = append(problems, fmt.Sprintf("%s: job %d: <%s> missing or empty", name, i+1, r))
			}
		}
	}
	if len(problems) == 0 {
		fmt.Printf("%s: %d jobs, every value in CDATA, required elements filled\n", name, len(feed.Jobs))
	}
	return problems
}

// sitemapURL is a <url> of a sitemap, with its hreflang alternates.
type sitemapURL struct {
	Loc   string `xml:"loc"`
	Links []struct {
		Hreflang string `xml:"hreflang,attr"`
		Href     string `xml:"href,attr"`
	} `xml:"http://www.w3.org/1999/xhtml link"`
}

// readSitemap reads the URLs of the sitemap name: a <urlset>, or a
// <sitemapindex> whose sitemaps are read from name's folder (by the last
// segment of their address), in order.
func readSitemap(name string) ([]sitemapURL, error) {
	data, err := os.ReadFile(name)
	if err != nil {
		return nil, err
	}
	var doc struct {
		XMLName  xml.Name
		URLs     []sitemapURL `xml:"url"`
		Sitemaps []struct {
			Loc string `xml:"loc"`
		} `xml:"sitemap"`
	}
	if err := xml.Unmarshal(data, &doc); err != nil {
		return nil, fmt.Errorf("%s: %v", name, err)
	}
	if doc.XMLName.Local != "sitemapindex" {
		return doc.URLs, nil
	}
	var urls []sitemapURL
	for _, sm := range doc.Sitemaps {
		part, err := readSitemap(filepath.Join(filepath.Dir(name), sm.Loc[strings.LastIndex(sm.Loc, "/")+1:]))
		if err != nil {
			return nil, err
		}
		urls = append(urls, part...)
	}
	fmt.Printf("%s: an index of %d sitemaps\n", name, len(doc.Sitemaps))
	return urls, nil
}

func checkSitemap(name string) []string {
	urls, err := readSitemap(name)
	if err != nil {
		return []string{err.Error()}
	}
	clusters := map[string]map[string]string{}
	for _, u := range urls {
		c := map[string]string{}
		for _, l := range u.Links {
			c[l.Hreflang] = l.Href
		}
		clusters[u.Loc] = c
	}
	var problems []string
	n := 0
	for loc, c := range clusters {
		if len(c) == 0 {
			continue
		}
		n++
		if c["x-default"] == "" {
			problems = append(problems, fmt.Sprintf("%s: %s: no x-default", name, loc))
		}
		self := false
		for lang, href := range c {
			self = self || href == loc
			back, ok := clusters[href]
			if !ok {
				problems = append(problems, fmt.Sprintf("%s: %s names %s (%s), which is not in the sitemap", name, loc, href, lang))
			} else if !maps.Equal(back, c) {
				problems = append(problems, fmt.Sprintf("%s: %s names %s (%s), which does not name the same pages back", name, loc, href, lang))
			}
		}
		if !self {
			problems = append(problems, fmt.Sprintf("%s: %s: its alternates do not name it", name, loc))
		}
	}
	if len(problems) == 0 {
		fmt.Printf("%s: %d addresses, %d with alternates, every cluster names itself and is returned\n", name, len(clusters), n)
	}
	return problems
}

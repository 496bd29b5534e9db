package feeds

import (
	"fmt"
	"io"
)

// WriteRobots writes a robots.txt that allows every crawler everywhere and
// lists the sitemap, whose absolute URL is sitemapURL.
func WriteRobots(w io.Writer, sitemapURL string) error {
	if err := absoluteURL(sitemapURL); err != nil {
		return fmt.Errorf("feeds: robots.txt: sitemap URL: %v", err)
	}
	for _, r := range sitemapURL {
		if r < 0x20 || r == 0x7F || r == ' ' {
			return fmt.Errorf("feeds: robots.txt: sitemap URL %q contains a space or a control character", sitemapURL)
		}
	}
	_, err := io.WriteString(w, "User-agent: *\nAllow: /\n\nSitemap: "+sitemapURL+"\n")
	return err
}

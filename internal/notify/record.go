package notify

import (
	"context"
	"errors"
	"io"
	"io/fs"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strings"

	"github.com/jobboard/jobboard/internal/feeds"
	"github.com/jobboard/jobboard/internal/msg"
)

// maxRecord bounds the record read from a site: about 150 bytes a posting
// page, so 10,000 postings in two languages take 3 MB.
const maxRecord = 64 << 20

// ReadFolder reads the record of the site built into dir, or the record
// file dir itself.
func ReadFolder(dir string) (feeds.Record, error) {
	p := dir
	if st, err := os.Stat(dir); err == nil && st.IsDir() {
		p = filepath.Join(dir, feeds.RecordFile)
	}
	data, err := os.ReadFile(p)
	if errors.Is(err, fs.ErrNotExist) {
		return feeds.Record{}, msg.Errorf("%s: no record of the postings: build the site with this jobboard first (jobboard build)", p)
	}
	if err != nil {
		return feeds.Record{}, err
	}
	rec, err := feeds.ReadRecord(data)
	if err != nil {
		return feeds.Record{}, msg.Errorf("%s: %w", p, err)
	}
	return rec, nil
}

// Fetch reads the record of the site published at base (its base_url), or
// the record at base itself when base names a .json file. found is false
// when the site has none (404): it is published for the first time, or
// was by a jobboard that wrote no record.
func Fetch(ctx context.Context, client *http.Client, base string) (rec feeds.Record, found bool, err error) {
	u, err := RecordURL(base)
	if err != nil {
		return rec, false, err
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u, nil)
	if err != nil {
		return rec, false, err
	}
	// The record as published now, not as a cache in front of the site
	// kept it (GitHub Pages' keeps files for minutes): an older record
	// would make notify send again pages it sent.
	req.Header.Set("Cache-Control", "no-cache")
	resp, err := client.Do(req)
	if err != nil {
		return rec, false, msg.Errorf("could not fetch the published record: %w", err)
	}
	defer resp.Body.Close()
	switch {
	case resp.StatusCode == http.StatusNotFound:
		return rec, false, nil
	case resp.StatusCode != http.StatusOK:
		return rec, false, msg.Errorf("%s answered %s: give the published site's record with -previous (a folder, a file or an address)", u, resp.Status)
	}
	data, err := io.ReadAll(io.LimitReader(resp.Body, maxRecord+1))
	if err != nil {
		return rec, false, msg.Errorf("%s: %w", u, err)
	}
	if len(data) > maxRecord {
		return rec, false, msg.Errorf("%s: longer than %d MB, not a record of jobboard", u, maxRecord>>20)
	}
	rec, err = feeds.ReadRecord(data)
	if err != nil {
		return rec, false, msg.Errorf("%s: %w", u, err)
	}
	return rec, true, nil
}

// RecordURL is the address of the record of the site at base, or base
// itself when it names a .json file. Only http and https are taken.
func RecordURL(base string) (string, error) {
	u, err := url.Parse(base)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return "", msg.Errorf("%q is not a web address starting with http:// or https://", base)
	}
	if strings.HasSuffix(u.Path, ".json") {
		return u.String(), nil
	}
	if !strings.HasSuffix(u.Path, "/") {
		u.Path += "/"
	}
	return u.JoinPath(feeds.RecordFile).String(), nil
}

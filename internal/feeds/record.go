package feeds

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"unicode/utf8"
)

// RecordFile is where a build publishes its record of the postings, from
// the output's root. It is at the root, beside sitemap.xml, so that
// jobboard notify finds the record of the site as published at
// <base_url>/jobboard-postings.json whatever the languages; its name
// cannot be a page's (pages are folders with index.html) nor a posting's
// (postings are under their language).
const RecordFile = "jobboard-postings.json"

// RecordVersion is the version of the record's format this jobboard
// writes and reads. A record of another version is refused rather than
// misread: notify would then send every posting as added or removed.
const RecordVersion = 1

// Posting statuses in a record.
const (
	Open   = "open"
	Closed = "closed" // closed by its date: the page stays, as an archive page without JobPosting
)

// A Record lists the posting pages a build published: what jobboard
// notify compares with the record of the site published before, to tell
// the search engines only what changed.
type Record struct {
	Version  int             `json:"version"`
	Postings []RecordPosting `json:"postings"` // in the order of the build's postings (WriteRecord)
}

// RecordPosting is one posting page (one per language of a posting).
type RecordPosting struct {
	URL    string `json:"url"` // absolute
	Status string `json:"status"`
	// Hash is a hash of the page's JobPosting as published, "" once
	// closed (the page then has none): a posting whose hash changed is
	// sent again.
	Hash string `json:"hash,omitempty"`
}

// WriteRecord writes rec as indented JSON, its postings in the order
// given (a build's: its postings newest posted first, each in its
// languages), so that the same site always gives the same bytes: the bytes
// of json.MarshalIndent(rec, "", "  ") and a line break
// (TestWriteRecordIsMarshalIndent, FuzzWriteRecord), written by hand:
// MarshalIndent encodes and then indents, through reflection, 20,000
// postings at 10,000 postings in two languages, at every edit in serve
// (~20 ms). A build's Update writes the same bytes from parts kept per
// posting (AppendRecordHead, AppendRecordPosting, AppendRecordEnd).
func WriteRecord(w io.Writer, rec Record) error {
	size := 64
	for _, p := range rec.Postings {
		size += 80 + len(p.URL) + len(p.Status) + len(p.Hash) // 80: the keys, quotes and spaces (73), and room
	}
	b := AppendRecordHead(make([]byte, 0, size))
	for i, p := range rec.Postings {
		b = AppendRecordPosting(b, p, i == 0)
	}
	b = AppendRecordEnd(b, len(rec.Postings) > 0)
	_, err := w.Write(b)
	return err
}

// AppendRecordHead appends the beginning of a record, up to its list of
// postings.
func AppendRecordHead(b []byte) []byte {
	return fmt.Appendf(b, "{\n  \"version\": %d,\n  \"postings\": [", RecordVersion)
}

// AppendRecordPosting appends p as an element of a record's list of
// postings, after a comma unless it is the first.
func AppendRecordPosting(b []byte, p RecordPosting, first bool) []byte {
	if !first {
		b = append(b, ',')
	}
	b = append(b, "\n    {\n      \"url\": "...)
	b = appendJSONString(b, p.URL)
	b = append(b, ",\n      \"status\": "...)
	b = appendJSONString(b, p.Status)
	if p.Hash != "" {
		b = append(b, ",\n      \"hash\": "...)
		b = appendJSONString(b, p.Hash)
	}
	return append(b, "\n    }"...)
}

// AppendRecordEnd appends the end of a record, after its postings; some
// says whether it lists any.
func AppendRecordEnd(b []byte, some bool) []byte {
	if some {
		b = append(b, "\n  "...)
	}
	return append(b, "]\n}\n"...)
}

// appendJSONString appends s as encoding/json writes a string: with
// HTML's <, > and & escaped, invalid UTF-8 as U+FFFD, and U+2028, U+2029
// escaped.
func appendJSONString(b []byte, s string) []byte {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < utf8.RuneSelf && c >= 0x20 && c != '"' && c != '\\' && c != '<' && c != '>' && c != '&' {
			continue
		}
		// Something to escape: rare (URLs, statuses and hashes are plain).
		data, _ := json.Marshal(s) // a string always encodes
		return append(b, data...)
	}
	b = append(b, '"')
	b = append(b, s...)
	return append(b, '"')
}

// ReadRecord parses a record written by WriteRecord.
func ReadRecord(data []byte) (Record, error) {
	var rec Record
	dec := json.NewDecoder(bytes.NewReader(data))
	if err := dec.Decode(&rec); err != nil {
		return Record{}, fmt.Errorf("not a record of postings written by jobboard build (%v)", err)
	}
	if rec.Version != RecordVersion {
		return Record{}, fmt.Errorf("a record of version %d, where this jobboard reads version %d: use the jobboard that built it, or build and publish the site again with this one", rec.Version, RecordVersion)
	}
	seen := make(map[string]bool, len(rec.Postings))
	for _, p := range rec.Postings {
		switch {
		case p.URL == "":
			return Record{}, errors.New("a posting without url")
		case seen[p.URL]:
			return Record{}, fmt.Errorf("%s is listed twice", p.URL)
		case p.Status != Open && p.Status != Closed:
			return Record{}, fmt.Errorf("%s: status %q is neither %q nor %q", p.URL, p.Status, Open, Closed)
		}
		seen[p.URL] = true
	}
	return rec, nil
}

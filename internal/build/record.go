package build

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"

	"github.com/jobboard/jobboard/internal/feeds"
	"github.com/jobboard/jobboard/internal/site"
)

// records are the postings of a record of the postings, by URL.
type records map[string]feeds.RecordPosting

// writeRecord writes with w the record of the postings for jobboard
// notify (see feeds.Record), and the IndexNow key file when site.yaml
// gives a key, once the posting pages are written: the hash of a page's
// JobPosting is the one the renderer remembered of the page, or, for a
// page not made again (its inputs did not change), its hash in the record
// of the output it is kept from, which prev gives (nil: none). Working the
// hash out anew takes the page's JobPosting, made of its body: 1.8 s at
// 10,000 postings.
//
// It returns the record, or nil when it was not made (see pass.need).
func (p *pass) writeRecord(w Writer, prev func() records) (records, error) {
	r, s, k := p.r, p.s, p.k
	if key := s.Content.IndexNowKey; key != "" && p.need(key+".txt", func() uint64 { return fileKey([]byte(key)) }) {
		// IndexNow's proof that the site is ours: the key, in a file named
		// after it at the site's address, which notify gives as keyLocation.
		if err := w(key+".txt", []byte(key)); err != nil {
			return nil, err
		}
	}
	if !p.need(feeds.RecordFile, func() uint64 { return k.recordKey() }) {
		return nil, nil
	}
	var kept records
	if prev != nil {
		kept = prev()
	}
	rec := feeds.Record{Postings: make([]feeds.RecordPosting, 0, 2*len(s.Postings))}
	for _, pg := range s.Pages {
		if pg.Kind != site.PostingPage {
			continue
		}
		e := feeds.RecordPosting{URL: s.URL(pg.Path), Status: feeds.Open}
		switch h, ok := r.RenderedDataHash(pg); {
		case pg.Posting.Expired:
			e.Status = feeds.Closed
		case ok:
			e.Hash = h
		case kept[e.URL].Status == feeds.Open:
			e.Hash = kept[e.URL].Hash
		default:
			var err error
			if e.Hash, err = r.DataHash(s, pg); err != nil {
				return nil, fmt.Errorf("%s: %s: %w", feeds.RecordFile, pg.Path, err)
			}
		}
		rec.Postings = append(rec.Postings, e)
	}
	var buf bytes.Buffer // the Writer keeps the bytes (Update)
	if err := feeds.WriteRecord(&buf, rec); err != nil {
		return nil, err
	}
	if err := w(feeds.RecordFile, buf.Bytes()); err != nil {
		return nil, err
	}
	made := make(records, len(rec.Postings))
	for _, e := range rec.Postings {
		made[e.URL] = e
	}
	return made, nil
}

// prevRecord is the record of the previous output, if it is the file the
// manifest describes (its pages reused are the ones it records); nil
// otherwise.
func (ru *reuser) prevRecord() records {
	old, ok := ru.prev.Files[feeds.RecordFile]
	name := filepath.Join(ru.dw.prev, feeds.RecordFile)
	if id, same := statID(name); !ok || !same || id != old.ID {
		return nil
	}
	data, err := os.ReadFile(name)
	if err != nil {
		return nil
	}
	rec, err := feeds.ReadRecord(data)
	if err != nil {
		return nil
	}
	prev := make(records, len(rec.Postings))
	for _, e := range rec.Postings {
		prev[e.URL] = e
	}
	return prev
}

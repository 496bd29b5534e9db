package build

import (
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/jobboard/jobboard/internal/feeds"
	"github.com/jobboard/jobboard/internal/render"
	"github.com/jobboard/jobboard/internal/site"
)

// records are the postings of a record of the postings, by URL.
type records map[string]feeds.RecordPosting

// recordOutputs are the record of the postings for jobboard notify (see
// feeds.Record) and the IndexNow key file when site.yaml gives a key.
// The record is made once the posting pages are (see pass.write): the
// hash of a page's JobPosting is the one the renderer remembered of the
// page, or, for a page not made again (its inputs did not change), its
// hash in the record of the output it is kept from (prevRecords). Working
// the hash out anew takes the page's JobPosting, made of its body: 1.8 s
// at 10,000 postings. The record made is kept in p.rec, for the next
// Update.
func (p *pass) recordOutputs() []output {
	r, s, k := p.r, p.s, p.k
	var outs []output
	if key := s.Content.IndexNowKey; key != "" {
		// IndexNow's proof that the site is ours: the key, in a file named
		// after it at the site's address, which notify gives as keyLocation.
		outs = append(outs, output{name: key + ".txt", key: func() uint64 { return fileKey([]byte(key)) },
			write: func(w io.Writer) error { _, err := io.WriteString(w, key); return err }})
	}
	return append(outs, output{name: feeds.RecordFile, key: func() uint64 { return k.recordKey() },
		write: func(w io.Writer) error {
			rec, err := postingRecord(r, s, p.prevRecords())
			if err != nil {
				return err
			}
			p.rec = make(records, len(rec.Postings))
			for _, e := range rec.Postings {
				p.rec[e.URL] = e
			}
			return feeds.WriteRecord(w, rec)
		}})
}

// prevRecords are the postings of the record of the files this build does
// not make again: an Update's last one, or the previous output's.
func (p *pass) prevRecords() records {
	switch {
	case p.ks.keyed:
		return p.b.lastRecord
	case p.ru != nil:
		return p.ru.prevRecord()
	}
	return nil
}

// postingRecord is the record of the postings of s, taking from kept the
// hashes of the pages not made again.
func postingRecord(r *render.Renderer, s *site.Site, kept records) (feeds.Record, error) {
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
				return rec, fmt.Errorf("%s: %s: %w", feeds.RecordFile, pg.Path, err)
			}
		}
		rec.Postings = append(rec.Postings, e)
	}
	return rec, nil
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

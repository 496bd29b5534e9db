package build

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sync"

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
// at 10,000 postings. An Update makes it of the postings' parts, kept in
// their memos (recordFragments).
func (p *pass) recordOutputs() []output {
	r, s, k := p.r, p.s, p.k
	var outs []output
	if key := s.Content.IndexNowKey; key != "" {
		// IndexNow's proof that the site is ours: the key, in a file named
		// after it at the site's address, which notify gives as keyLocation.
		outs = append(outs, output{name: key + ".txt", key: func() uint64 { return fileKey([]byte(key)) },
			write: func(w io.Writer) error { _, err := io.WriteString(w, key); return err }})
	}
	o := output{name: feeds.RecordFile, key: func() uint64 { return k.sums().record },
		write: func(w io.Writer) error {
			rec, err := postingRecord(r, s, p.prevRecords())
			if err != nil {
				return err
			}
			return feeds.WriteRecord(w, rec)
		}}
	if p.ks.keyed {
		o.frags, o.n = p.recordFragments, len(s.Postings)+2
	}
	return append(outs, o)
}

// prevRecords are the postings of the record of the files this build does
// not make again: the previous output's.
func (p *pass) prevRecords() records {
	if p.ru != nil {
		return p.ru.prevRecord()
	}
	return nil
}

// postingRecord is the record of the postings of s, taking from kept the
// hashes of the pages not made again. Its order is the postings', each in
// its languages'.
func postingRecord(r *render.Renderer, s *site.Site, kept records) (feeds.Record, error) {
	rec := feeds.Record{Postings: make([]feeds.RecordPosting, 0, 2*len(s.Postings))}
	for _, posting := range s.Postings {
		recs, err := pageRecords(r, s, posting, func(url string) feeds.RecordPosting { return kept[url] })
		if err != nil {
			return rec, err
		}
		rec.Postings = append(rec.Postings, recs...)
	}
	return rec, nil
}

// pageRecords are what the record says of each page of posting, in its
// languages' order, taking the hash of a page not made again from what
// kept says of its URL.
func pageRecords(r *render.Renderer, s *site.Site, posting *site.Posting, kept func(url string) feeds.RecordPosting) ([]feeds.RecordPosting, error) {
	recs := make([]feeds.RecordPosting, 0, len(posting.Langs))
	for _, l := range posting.Langs {
		e, err := recordPosting(r, s, posting.Pages[l], kept)
		if err != nil {
			return nil, err
		}
		recs = append(recs, e)
	}
	return recs, nil
}

// recordPosting is what the record says of the posting page pg, taking
// the hash of a page not made again from what kept says of its URL.
func recordPosting(r *render.Renderer, s *site.Site, pg *site.Page, kept func(url string) feeds.RecordPosting) (feeds.RecordPosting, error) {
	e := feeds.RecordPosting{URL: s.URL(pg.Path), Status: feeds.Open}
	if pg.Posting.Expired {
		e.Status = feeds.Closed
		return e, nil
	}
	if h, ok := r.RenderedDataHash(pg); ok {
		e.Hash = h
		return e, nil
	}
	if old := kept(e.URL); old.Status == feeds.Open {
		e.Hash = old.Hash
		return e, nil
	}
	var err error
	if e.Hash, err = r.DataHash(s, pg); err != nil {
		return e, fmt.Errorf("%s: %s: %w", feeds.RecordFile, pg.Path, err)
	}
	return e, nil
}

// recordFragments writes an Update's record of the postings: the part of
// each posting, kept in its memo (postMemo.record) and made for a memo
// made again, from the pages this Update rendered or else the parts of
// the last Update's memos (lastRecord). (Sorting and encoding the 20,000
// pages of 10,000 postings at every edit, and keeping a map of them by
// URL, was a third of an edit's time in serve.)
func (p *pass) recordFragments(out feedSink) error {
	k := p.k
	byURL := sync.OnceValue(func() records {
		rs := records{}
		for _, m := range k.lastMemos {
			for _, e := range m.recs {
				rs[e.URL] = e
			}
		}
		return rs
	})
	out.Write(feeds.AppendRecordHead(nil))
	first := true
	for i, m := range k.memos {
		if m.record == nil {
			kept := func(url string) feeds.RecordPosting { return k.lastRecord(i, url, byURL) }
			if err := m.makeRecord(p.r, p.s, p.s.Postings[i], kept); err != nil {
				return err
			}
		}
		frag := m.record
		if first {
			frag = bytes.TrimPrefix(frag, []byte(",")) // the first of the list comes after none
			first = false
		}
		out.keep(frag)
	}
	out.Write(feeds.AppendRecordEnd(nil, !first))
	return nil
}

// makeRecord makes m's part of the record of the postings: what it says
// of each page of posting, after a comma.
func (m *postMemo) makeRecord(r *render.Renderer, s *site.Site, posting *site.Posting, kept func(url string) feeds.RecordPosting) error {
	recs, err := pageRecords(r, s, posting, kept)
	if err != nil {
		return err
	}
	var b []byte
	for _, e := range recs {
		b = feeds.AppendRecordPosting(b, e, false)
	}
	m.recs, m.record = recs, b
	return nil
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

// lastRecord is what the last Update's record said of url, a page of the
// posting at i in s.Postings: most often one of the last build's posting
// at i (an edited posting keeps its place), else found in byURL, made
// once per build.
func (k *keyer) lastRecord(i int, url string, byURL func() records) feeds.RecordPosting {
	if i < len(k.lastMemos) {
		for _, e := range k.lastMemos[i].recs {
			if e.URL == url {
				return e
			}
		}
	}
	return byURL()[url]
}

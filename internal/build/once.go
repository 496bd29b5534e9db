package build

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"slices"
	"strings"
	"sync"

	"github.com/jobboard/jobboard/internal/content"
	"github.com/jobboard/jobboard/internal/feeds"
	"github.com/jobboard/jobboard/internal/msg"
	"github.com/jobboard/jobboard/internal/render"
	"github.com/jobboard/jobboard/internal/site"
)

// An opener opens an output file to be written in parts (the job feed, tens
// of MB at 10,000 postings); Close ends it. nil: every file is handed whole
// to the Writer.
type opener func(name string) (io.WriteCloser, error)

// writeOnce renders and writes every page and feed of a build that keeps
// nothing in memory for a next one (Generate, Build), so that memory stays
// flat past what the lists need: first the posting pages, each body rendered once for its
// page and, for the job feed's language, its jobs.xml entry, which is
// streamed out in order as the pages come; the body's HTML is then let go
// (render.Release), only its summary stays. Then the lists, the sitemap
// and the Atom feeds, which need only the summaries, but for the texts of
// their newest entries (atomFullTexts), rendered again and not kept.
//
// With a reuser (and the keyer k), a page or feed whose file in the
// previous output is still right is linked from there and not rendered;
// the entry of such a posting in jobs.xml is copied from the previous
// jobs.xml.
func (p *pass) writeOnce() error {
	r, s, k, ru := p.r, p.s, p.k, p.ru
	w := p.counting
	var postings, others []*site.Page
	for _, pg := range s.Pages {
		if pg.Kind == site.PostingPage {
			postings = append(postings, pg)
		} else {
			others = append(others, pg)
		}
	}
	// reuse, with its keys: the posting pages' now, the lists' once the
	// posting pages are done (they show the summaries, which are then
	// known).
	var reuse func(pg *site.Page) bool
	var feedPosts *feedPostings
	keys := map[*site.Page]uint64{}
	if ru != nil {
		for i, key := range k.pageKeys(postings) {
			keys[postings[i]] = key
		}
		reuse = func(pg *site.Page) bool { return ru.reuse(pageFile(pg.Path), keys[pg]) }
		feedPosts = k.feedPostings()
	}

	var js *jobStream
	if ru != nil && ru.reuse("jobs.xml", k.jobsKey()) {
		for _, m := range feedPosts.open {
			if sp, ok := ru.prev.Jobs[m.job]; ok {
				ru.jobAt(m.job, sp)
			}
		}
	} else {
		js = newJobStream(r, s, postings)
		if ru != nil {
			js.keys, js.ru = make(map[*site.Posting]uint64, feedPosts.jobs), ru
			for p, m := range feedPosts.open {
				js.keys[p] = m.job
			}
		}
	}
	jobErr := make(chan error, 1)
	if js != nil {
		go func() { jobErr <- js.write(w, p.out.open, p.res) }()
	} else {
		jobErr <- nil
	}
	err := p.renderPages(postings, w, reuse, func(pg *site.Page, reused bool) {
		tr := pg.Translation
		if js != nil {
			if i, ok := js.index[pg]; ok {
				if data, ok := js.kept(pg.Posting, reused); ok {
					js.put(i, jobPart{data: data, done: true})
				} else {
					js.put(i, js.entry(pg.Posting))
				}
			}
		}
		if ru != nil && tr.Summary == "" {
			ru.summary(tr.Hash, r.Summary(tr))
		}
		r.Release(tr)
	})
	if err == nil {
		err = r.Err() // a text that could not be read again
	}
	if err != nil && js != nil {
		js.abort(err)
	}
	if jerr := <-jobErr; err == nil {
		err = jerr
	}
	if err != nil {
		return err
	}

	return p.writeOthers(others, keys, reuse)
}

// writeOthers is the second half of writeOnce: the pages others (with a
// reuser, keys gets their keys for reuse), the outputs but jobs.xml, the
// record and the search index.
func (p *pass) writeOthers(others []*site.Page, keys map[*site.Page]uint64, reuse func(pg *site.Page) bool) error {
	r, k, ru := p.r, p.k, p.ru
	var prevRecord func() records
	if ru != nil {
		for i, key := range k.pageKeys(others) {
			keys[others[i]] = key
		}
		prevRecord = ru.prevRecord
	}
	feedErr := make(chan error, 1)
	go func() {
		outs, err := p.outputs(nil)
		if err == nil {
			outs = slices.DeleteFunc(outs, func(o output) bool { return o.name == "jobs.xml" })
			err = p.writeOutputs(outs, p.counting, &p.b.feedBufs)
		}
		if err == nil {
			_, err = p.writeRecord(p.counting, prevRecord)
		}
		if err == nil {
			_, err = p.writeSearch()
		}
		feedErr <- err
	}()
	err := p.renderPages(others, p.counting, reuse, nil)
	if ferr := <-feedErr; err == nil {
		err = ferr
	}
	if err == nil {
		err = r.Err()
	}
	return err
}

// texts gives back the Markdown of the postings of a build that loads
// them without it (content.Options.NoBodies), reading it again from its
// file when a check or a page needs it (see render.Options.Text), most
// often never in a rebuild, whose checks and summaries are in its
// manifest. Holding the text of every posting from the load to its page
// took 113 MB at 10,000 postings, for a heap held to ~200 MB by the
// memory goal: the collector, running the more often the less room was
// left, took a quarter of the CPU of a build from empty, and ran back to
// back (a cycle every 30 to 60 ms) at the end of the load of a rebuild.
type texts struct {
	fsys fs.FS
}

// text is the body of tr, read again from its file: the end of the file,
// which must be the one loaded (its hash).
func (t *texts) text(tr *content.Translation) ([]byte, error) {
	data, err := content.ReadFile(t.fsys, tr.File)
	if err != nil {
		return nil, msg.Errorf("%s could not be read again while the site was built (%w): build again", tr.File, err)
	}
	n := tr.BodyLen
	if content.FileHash(data) != tr.Hash || len(data) < n {
		return nil, msg.Errorf("%s changed while the site was built: build again", tr.File)
	}
	return data[len(data)-n : len(data) : len(data)], nil
}

// jobStream makes jobs.xml from its entries, encoded one by one by the
// page workers (each beside its posting's page, while the body's HTML is
// at hand) and written in the feed's order as they come. The feed is
// never minified (see jobsMediaType).
type jobStream struct {
	r     *render.Renderer
	s     *site.Site
	jobs  []*site.Posting    // the open postings, in feed order
	index map[*site.Page]int // the page beside which each entry is made
	head  feeds.JobFeed

	// With a build manifest: the keys of the entries, and the reuser that
	// has the previous jobs.xml and records where each entry is written.
	keys map[*site.Posting]uint64
	ru   *reuser

	mu    sync.Mutex
	cond  *sync.Cond
	parts []jobPart
	err   error // abort
}

type jobPart struct {
	data []byte
	err  error
	done bool
	here bool // no page is in the feed's language: write makes it
}

func newJobStream(r *render.Renderer, s *site.Site, pages []*site.Page) *jobStream {
	js := &jobStream{r: r, s: s, index: map[*site.Page]int{}, head: jobHead(s)}
	js.cond = sync.NewCond(&js.mu)
	byPosting := map[*site.Posting]int{}
	for _, p := range s.Postings {
		if !p.Expired {
			byPosting[p] = len(js.jobs)
			js.jobs = append(js.jobs, p)
		}
	}
	js.parts = make([]jobPart, len(js.jobs))
	for _, pg := range pages {
		if i, ok := byPosting[pg.Posting]; ok && pg.Lang == jobLang(s, pg.Posting) {
			js.index[pg] = i
		}
	}
	made := make([]bool, len(js.jobs))
	for _, i := range js.index {
		made[i] = true
	}
	for i := range js.parts {
		if !made[i] {
			js.parts[i] = jobPart{done: true, here: true}
		}
	}
	return js
}

// kept is p's entry as the previous jobs.xml has it, if the build manifest
// recorded it there under its key, and p's page was reused (had it been
// rendered, its body is at hand: encoding it is cheaper than reading).
func (js *jobStream) kept(p *site.Posting, reused bool) ([]byte, bool) {
	if js.ru == nil || !reused {
		return nil, false
	}
	return js.ru.job(js.keys[p])
}

// entry is the XML of p's job element, as it stands in the feed.
func (js *jobStream) entry(p *site.Posting) jobPart {
	one := js.head
	one.Jobs = []feeds.Job{jobEntry(js.r, js.s, p)}
	var raw bytes.Buffer
	if err := feeds.WriteJobs(&raw, one); err != nil {
		return jobPart{err: err, done: true}
	}
	frag, ok := cut(raw.Bytes(), "\n  <job>", "\n</source>")
	if !ok {
		return jobPart{err: errNoFragment, done: true}
	}
	return own(frag)
}

// own is a part holding a copy of data, which the caller may reuse.
func own(data []byte) jobPart { return jobPart{data: bytes.Clone(data), done: true} }

func (js *jobStream) put(i int, part jobPart) {
	js.mu.Lock()
	js.parts[i] = part
	js.mu.Unlock()
	js.cond.Broadcast()
}

func (js *jobStream) abort(err error) {
	js.mu.Lock()
	js.err = err
	js.mu.Unlock()
	js.cond.Broadcast()
}

// take waits for entry i and hands it over, forgetting it.
func (js *jobStream) take(i int) (jobPart, error) {
	js.mu.Lock()
	defer js.mu.Unlock()
	for !js.parts[i].done && js.err == nil {
		js.cond.Wait()
	}
	if js.err != nil {
		return jobPart{}, js.err
	}
	part := js.parts[i]
	js.parts[i] = jobPart{done: true} // its bytes are written once
	return part, nil
}

// write writes jobs.xml: through open in parts, or whole to w.
func (js *jobStream) write(w Writer, open opener, res *Result) (err error) {
	var whole bytes.Buffer
	var out io.Writer = &whole
	if open != nil {
		f, err := open("jobs.xml")
		if err != nil {
			js.abort(err)
			return err
		}
		bw := bufio.NewWriterSize(f, 256<<10)
		out = bw
		defer func() {
			if ferr := bw.Flush(); err == nil {
				err = ferr
			}
			if cerr := f.Close(); err == nil {
				err = cerr
			}
		}()
	}
	n := 0
	emit := func(part jobPart) error {
		if part.err != nil {
			return part.err
		}
		n += len(part.data)
		_, err := out.Write(part.data)
		return err
	}
	fail := func(err error) error {
		js.abort(err)
		return err
	}
	var raw bytes.Buffer
	if err := feeds.WriteJobs(&raw, js.head); err != nil {
		return fail(err)
	}
	top, ok := cut(raw.Bytes(), "", "\n</source>")
	if !ok {
		return fail(errNoFragment)
	}
	if err := emit(own(top)); err != nil {
		return fail(err)
	}
	for i, p := range js.jobs {
		part, err := js.take(i)
		if err != nil {
			return err
		}
		if part.here {
			if data, ok := js.kept(p, true); ok {
				part = jobPart{data: data, done: true}
			} else {
				part = js.entry(p)
			}
		}
		if js.ru != nil && part.err == nil {
			js.ru.jobAt(js.keys[p], span{Off: int64(n), Len: int64(len(part.data))})
		}
		if part.err != nil {
			// The encoder's message, about the feed's only job: name it
			// by its place in the whole feed.
			return fail(errors.New(strings.ReplaceAll(part.err.Error(), "job 0:", fmt.Sprintf("job %d:", i))))
		}
		if err := emit(part); err != nil {
			return fail(err)
		}
	}
	if err := emit(own([]byte("\n</source>\n"))); err != nil {
		return fail(err)
	}
	if open != nil {
		res.count(n)
		return nil
	}
	return w("jobs.xml", whole.Bytes())
}

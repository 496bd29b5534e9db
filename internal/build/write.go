package build

import (
	"bufio"
	"bytes"
	"io"
	"io/fs"
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

// write makes the files of a pass, every one of them or, in a build that
// keys its files, those whose keys say so: first the posting pages, then
// the other pages beside the outputs (the lists and the search index
// show the postings' summaries, and the record of the postings the hashes
// of their pages, known once the posting pages are made).
//
// A build that keeps nothing for a next one (Build, Generate) streams the
// job feed out as the posting pages come, each entry encoded beside its
// page while the body's HTML is at hand, then lets that HTML go
// (render.Release), only its summary staying: memory stays flat past what
// the lists need. Only the newest entries of the Atom feeds carry a text
// (atomFullTexts), rendered again and not kept. An Update keeps the
// bodies, and makes the job feed, as the Atom feeds, of the entries its
// postings' memos keep (see fragment).
//
// With a reuser (Build over the previous output), a file whose inputs did
// not change since that output is linked from there and not made (see
// pass.need); the entry of such a posting in jobs.xml is copied from the
// previous jobs.xml.
func (p *pass) write(pages []*site.Page) error {
	var postings, others []*site.Page
	for _, pg := range pages {
		if pg.Kind == site.PostingPage {
			postings = append(postings, pg)
		} else {
			others = append(others, pg)
		}
	}
	var reuse func(pg *site.Page) bool
	keys := map[*site.Page]uint64{}
	if p.ru != nil {
		// The posting pages' keys now, the lists' once the posting pages
		// are done (they show the summaries, which are then known).
		p.keyPages(keys, postings)
		reuse = func(pg *site.Page) bool { return !p.need(pageFile(pg.Path), func() uint64 { return keys[pg] }) }
	}
	js := p.startJobs(postings)
	jobErr := make(chan error, 1)
	if js != nil {
		go func() { jobErr <- js.write(p.counting, p.out.open, p.res) }()
	} else {
		jobErr <- nil
	}
	err := p.renderPages(postings, p.handing, reuse, p.afterPosting(js))
	if err == nil {
		err = p.r.Err() // a text that could not be read again
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
	if p.ru != nil {
		p.keyPages(keys, others)
	}
	return p.writeOthers(others, reuse)
}

// keyPages puts the keys of pages in keys.
func (p *pass) keyPages(keys map[*site.Page]uint64, pages []*site.Page) {
	for i, key := range p.k.pageKeys(pages) {
		keys[pages[i]] = key
	}
}

// startJobs starts the job feed of a build that streams it (one that
// keeps nothing for a next one), beside the pages postings; nil: it is
// one of the outputs (Update), or the previous output's is still right
// and linked.
func (p *pass) startJobs(postings []*site.Page) *jobStream {
	r, s, k, ru := p.r, p.s, p.k, p.ru
	if p.ks.keyed {
		return nil
	}
	if ru == nil {
		return newJobStream(r, s, postings)
	}
	fk := k.sums().feed
	if ru.reuse("jobs.xml", k.sums().jobs) {
		for _, m := range fk.open {
			if sp, ok := ru.prev.Jobs[m.job]; ok {
				ru.jobAt(m.job, sp)
			}
		}
		return nil
	}
	js := newJobStream(r, s, postings)
	js.keys, js.ru = make(map[*site.Posting]uint64, fk.jobs), ru
	for posting, m := range fk.open {
		js.keys[posting] = m.job
	}
	return js
}

// afterPosting is what a build that keeps nothing for a next one does
// beside each posting page done, made or linked (reused): its entry in
// the job feed js (nil: none), the record of its summary, and the release
// of its body's HTML. nil for an Update, which keeps them.
func (p *pass) afterPosting(js *jobStream) func(pg *site.Page, reused bool) {
	if p.ks.keyed {
		return nil
	}
	r, ru := p.r, p.ru
	return func(pg *site.Page, reused bool) {
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
	}
}

// writeOthers is the second half of write: the pages others, beside the
// outputs.
func (p *pass) writeOthers(others []*site.Page, reuse func(pg *site.Page) bool) error {
	made := make(chan error, 1)
	go func() { made <- p.writeMachineFiles() }()
	err := p.renderPages(others, p.handing, reuse, nil)
	if merr := <-made; err == nil {
		err = merr
	}
	if err == nil {
		err = p.r.Err()
	}
	return err
}

// writeMachineFiles makes the outputs.
func (p *pass) writeMachineFiles() error {
	var fk *feedPostings
	bufs := &p.b.feedBufs
	if p.ks.keyed {
		// The feeds are made of their entries kept in the memos, each in
		// a buffer of its own, handed over.
		fk, bufs = p.k.sums().feed, p.handOverBuffers()
	}
	return p.writeOutputs(p.outputs(fk), p.counting, bufs)
}

// handOverBuffers are an Update's feed buffers: each file in memory of its
// own, handed over; the feeds made of kept entries handed as their parts
// when the caller takes them (UpdateParts).
func (p *pass) handOverBuffers() *feedBuffers {
	b := p.b
	if b.feedSizes == nil {
		b.feedSizes = map[string]int{}
	}
	bufs := &feedBuffers{handOver: true, sizes: b.feedSizes}
	if p.out.parts != nil {
		bufs.parts = func(name string, ps [][]byte) error {
			n := 0
			for _, part := range ps {
				n += len(part)
			}
			p.res.count(n)
			return p.out.parts(name, ps)
		}
	}
	return bufs
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
	data, err := jobXML(js.r, js.s, js.head, p)
	return jobPart{data: data, err: err, done: true}
}

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

// take waits for entry i, of p, and hands it over, forgetting it; or
// makes it, when no page is in the feed's language.
func (js *jobStream) take(i int, p *site.Posting) ([]byte, error) {
	js.mu.Lock()
	for !js.parts[i].done && js.err == nil {
		js.cond.Wait()
	}
	err, part := js.err, js.parts[i]
	js.parts[i] = jobPart{done: true} // its bytes are written once
	js.mu.Unlock()
	if err != nil {
		return nil, err
	}
	if part.here {
		if data, ok := js.kept(p, true); ok {
			return data, nil
		}
		part = js.entry(p)
	}
	if part.err != nil {
		return nil, renumber(part.err, "job", i)
	}
	return part.data, nil
}

// write writes jobs.xml: through open in parts, or whole to w. When it
// fails, the page workers waiting to put their entries are let go
// (abort).
func (js *jobStream) write(w Writer, open opener, res *Result) error {
	if open == nil {
		var whole bytes.Buffer
		if _, err := js.stream(&whole); err != nil {
			js.abort(err)
			return err
		}
		return w("jobs.xml", whole.Bytes())
	}
	f, err := open("jobs.xml")
	if err != nil {
		js.abort(err)
		return err
	}
	bw := bufio.NewWriterSize(f, 256<<10)
	n, err := js.stream(bw)
	if err == nil {
		err = bw.Flush()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		js.abort(err)
		return err
	}
	res.count(n)
	return nil
}

// stream writes the feed to out, each entry as it comes, and returns the
// number of bytes written.
func (js *jobStream) stream(out io.Writer) (int, error) {
	top, err := encodedPart(func(w io.Writer) error { return feeds.WriteJobs(w, js.head) }, "", "\n</source>")
	if err != nil {
		return 0, err
	}
	n, err := out.Write(top)
	for i, p := range js.jobs {
		if err != nil {
			return n, err
		}
		var data []byte
		if data, err = js.take(i, p); err != nil {
			return n, err
		}
		if js.ru != nil {
			js.ru.jobAt(js.keys[p], span{Off: int64(n), Len: int64(len(data))})
		}
		var m int
		m, err = out.Write(data)
		n += m
	}
	if err != nil {
		return n, err
	}
	m, err := io.WriteString(out, "\n</source>\n")
	return n + m, err
}

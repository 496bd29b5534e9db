package content

import (
	"bytes"
	"errors"
	"hash/crc32"
	"io/fs"
	"maps"
	"path"
	"regexp"
	"runtime"
	"slices"
	"strings"
	"sync"
	"time"

	"golang.org/x/text/language"
	"golang.org/x/text/language/display"

	"github.com/jobboard/jobboard/internal/msg"
)

// Options change what Load accepts.
type Options struct {
	Drafts bool // keep postings marked draft: true
	Today  Date // for warnings about dates in the future; zero skips them

	// SharedBodies hands out the bodies of postings and organizations as
	// the Loader keeps them, instead of copies: the caller promises not to
	// modify them (the build only reads them). It saves copying the whole
	// text of the site at every Load: 113 MB at 10,000 postings.
	SharedBodies bool

	// NoBodies loads postings without their text: each Translation's
	// Body is nil, and the caller reads it again when it needs it, as the
	// last BodyLen bytes of File, whose bytes must still hash to Hash. A
	// build that renders every page once (build's texts) then holds no
	// text between the load and the page that needs it: 113 MB at 10,000
	// postings, which kept the collector running back to back (a cycle
	// every 30 to 60 ms) at the end of the load. Organizations keep
	// theirs.
	NoBodies bool
}

// body is the text of pf for the Site: a copy, or with SharedBodies pf's
// own bytes, capped so that an append cannot write into them.
func body(pf *parsedFile, opt Options) []byte {
	if opt.SharedBodies {
		b := pf.doc.body
		return b[:len(b):len(b)]
	}
	return slices.Clone(pf.doc.body)
}

// Loader loads a site and remembers each file it parsed, so that loading
// again after an edit parses only the files whose bytes changed. The zero
// value is ready to use; a Loader must not be used by two goroutines at once.
//
// Before reading a file it parsed before, a Loader compares the file's size
// and modification time with those it read: when both are the same, and the
// file had not changed in the two seconds before it was read (so that an
// edit within the file system's timestamp resolution cannot go unseen), it
// keeps the parsed file without reading it again. Invalidate forces the
// next Load to read the files named; with Watched set, the Loader trusts
// Invalidate alone and does not even look at the other files.
//
// A posting whose files did not change is the same *Posting in the Sites of
// two Loads: a caller that loads again must not change the postings of the
// Site it got.
type Loader struct {
	// Watched says that the caller reports every changed, added and
	// removed file with Invalidate (serve, which watches the folders): Load
	// then reads only the files invalidated and those it has not seen, does
	// not stat the rest, and lists content/ again only when a path
	// invalidated there is not a file it listed last time, or is gone.
	Watched bool

	cache    map[string]*parsedFile
	postings map[string]*assembled // by slug, as the last Load assembled them
	dirty    map[string]bool       // invalidated since the last Load
	// listing is the last listing of content/ (Watched only): what a Load
	// that was told of no added, removed or unknown file uses instead of
	// listing 20,000 files again.
	listing *listing
	// last is what the last Load of a Watched Loader made of its listing,
	// for a next Load told of edits to listed postings only (see quick).
	last    *lastLoad
	quicked bool // the last Load took the quick way (see quick), for tests
	listed  int  // listings of content/ made by the last Load (0 or 1), for tests
	parsed  int  // files parsed by the last Load (not taken from cache), for tests
	read    int  // files read by the last Load, for tests
}

// Invalidate tells the Loader that the files at paths (slash paths from the
// site root, like "content/postings/x.fr.md") may have changed: the next
// Load reads them again whatever their size and time say. Folders and
// unknown paths are accepted; a path of a folder invalidates everything
// under it.
func (ld *Loader) Invalidate(paths ...string) {
	if ld.dirty == nil {
		ld.dirty = map[string]bool{}
	}
	for _, p := range paths {
		ld.dirty[path.Clean(p)] = true
	}
}

// invalidated reports whether p, or a folder holding it, was invalidated.
func (ld *Loader) invalidated(p string) bool {
	if len(ld.dirty) == 0 {
		return false
	}
	for {
		if ld.dirty[p] {
			return true
		}
		i := strings.LastIndexByte(p, '/')
		if i < 0 {
			return ld.dirty["."]
		}
		p = p[:i]
	}
}

// racyWindow is how long after its last change a file's size and time are
// not trusted to tell an edit: file systems keep times in steps of up to 2 s.
const racyWindow = 2 * time.Second

// unchanged reports whether the file old was read from still has the size
// and time it had, so that it need not be read again.
func (ld *Loader) unchanged(fsys fs.FS, old *parsedFile) bool {
	if ld.invalidated(old.path) {
		return false
	}
	if ld.Watched {
		return true
	}
	if old.mtime.IsZero() || old.readAt.Sub(old.mtime) < racyWindow {
		return false // no time to compare (fstest.MapFS), or racily clean
	}
	st, err := fs.Stat(fsys, old.path)
	return err == nil && st.Mode().IsRegular() && st.Size() == old.size && st.ModTime().Equal(old.mtime)
}

// Load reads and validates the site in fsys (the site root, holding
// content/) with a fresh Loader.
func Load(fsys fs.FS, opt Options) (*Site, Diagnostics) {
	var ld Loader
	return ld.Load(fsys, opt)
}

var slugRE = regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)

var langCodeRE = regexp.MustCompile(`^[a-z]{2,3}(-[A-Z]{2})?$`)

// Load reads and validates the whole site. It returns every problem found,
// sorted; the site is nil when any of them is an error.
func (ld *Loader) Load(fsys fs.FS, opt Options) (*Site, Diagnostics) {
	var l list
	site := loadSiteConfig(fsys, &l)
	if site == nil {
		l.ds.Sort()
		return nil, l.ds
	}
	ld.quicked = ld.quick(fsys, site, opt, &l)
	if !ld.quicked {
		files := ld.readAll(fsys, site, &l, opt.NoBodies)
		slugs, bySlug := group(files, postingFile)
		orgFiles := assembleOrganizations(fsys, site, files, opt, &l)
		as := assembly{site: site, slugs: slugs, bySlug: bySlug, orgFiles: orgFiles, opt: opt, l: &l}
		ld.postings = as.postings(ld.postings)
		ld.last = nil
		if ld.Watched && ld.listing != nil {
			ld.last = &lastLoad{files: files, slugs: slugs, bySlug: bySlug, opt: opt,
				assembled: make([]*assembled, len(slugs))}
			for i, slug := range slugs {
				ld.last.assembled[i] = ld.postings[slug]
			}
			for _, pf := range files {
				if pf.kind == organizationFile {
					ld.last.orgFiles = append(ld.last.orgFiles, pf)
				}
			}
		}
	}
	reportInitMarks(site, opt, &l)
	l.ds.Sort()
	if l.ds.Errors() > 0 {
		return nil, l.ds
	}
	return site, l.ds
}

// reportInitMarks reports the values jobboard init marked CHANGE ME in
// site.yaml and in the employers' files: warnings while no posting would
// be published (a site just made, its first posting a draft, builds and
// previews), errors once one would be, as a posting's own placeholders
// are, so that example.org addresses and "CHANGE ME" texts are never
// published.
func reportInitMarks(site *Site, opt Options, l *list) {
	soft := true
	for _, p := range site.Postings {
		soft = soft && p.Facts.Draft
	}
	reportPlaceholders(l, markedFile{"content/site.yaml", site.initMarks, 0}, soft, "jobboard init")
	for _, key := range slices.Sorted(maps.Keys(site.Organizations)) {
		for _, t := range site.Organizations[key].Text {
			reportPlaceholders(l, markedFile{t.File, t.marks, t.markLine}, soft, "jobboard init")
		}
	}
}

// lastLoad is what a Load of a Watched Loader made of its listing: the
// files parsed, in the listing's order, the postings' files by slug and
// language, the employers' files, and the options.
type lastLoad struct {
	files     []*parsedFile
	slugs     []string // sorted
	bySlug    map[string]map[string]*parsedFile
	assembled []*assembled // of each slug (Loader.postings, in slugs' order)
	orgFiles  []*parsedFile
	opt       Options
	// The diagnostics of the listing and of every file, and of every
	// posting's assembly, in order, as quick last gave them; nil until
	// then. quick reuses them when the files it read and the postings it
	// assembled gave none before and none now (the usual edit), rather
	// than gathering 30,000 lists of diagnostics at each edit.
	fileDiags, postingDiags Diagnostics
	diagsKnown              bool
}

// quick loads the site again as readAll, assembleOrganizations and
// assembly.postings would, when a Watched Loader was told of edits to
// postings files it listed and of nothing else under content/, and is
// given the same options: it reads those files only and assembles their
// postings only, and takes everything else from the last Load (ld.last).
// A full Load at 10,000 postings looked up every one of 20,000 files and
// 10,000 postings in maps, which took 20-30 ms of each edit in serve. It
// reports false, having done nothing, when it does not apply.
func (ld *Loader) quick(fsys fs.FS, site *Site, opt Options, l *list) bool {
	last := ld.last
	if !ld.Watched || last == nil || ld.listing == nil || opt != last.opt || ld.relist(fsys) {
		return false
	}
	edited, ok := ld.editedPostings()
	if !ok {
		return false
	}
	ld.listed, ld.parsed, ld.read = 0, 0, 0
	changed := map[string]bool{} // slugs; made here, where it does not escape
	quietFiles := ld.readEdited(fsys, edited, opt, changed)
	ld.dirty = nil
	sameDiags := last.diagsKnown && quietFiles // the files read and postings assembled give none, as before
	if !sameDiags {
		last.fileDiags = append(Diagnostics(nil), ld.listing.diags...)
		for _, pf := range last.files {
			last.fileDiags = append(last.fileDiags, pf.diags...)
		}
	}
	// Room for the postings' too: a big board has thousands of warnings.
	l.ds = slices.Grow(l.ds, len(last.fileDiags)+len(last.postingDiags))
	l.ds = append(l.ds, last.fileDiags...)
	orgFiles := assembleOrganizations(fsys, site, last.orgFiles, opt, l)
	var again list // the diagnostics of the postings assembled again
	as := assembly{site: site, slugs: last.slugs, bySlug: last.bySlug, orgFiles: orgFiles, opt: opt, l: &again}
	if !ld.assembleEdited(&as, changed) {
		sameDiags = false
	}
	if !sameDiags {
		n := 0
		for _, a := range last.assembled {
			n += len(a.diags)
		}
		last.postingDiags = make(Diagnostics, 0, n) // thousands on a big board
		for _, a := range last.assembled {
			last.postingDiags = append(last.postingDiags, a.diags...)
		}
	}
	last.diagsKnown = true
	l.ds = append(l.ds, last.postingDiags...)
	return true
}

// editedPostings are the indices in the listing of the postings files
// invalidated; false when another path under content/ was (an employer's
// file, or more than a file), which quick does not handle.
func (ld *Loader) editedPostings() (edited []int, ok bool) {
	for p := range ld.dirty {
		i, listed := ld.listing.index[p]
		switch {
		case listed && ld.listing.jobs[i].kind == postingFile:
			edited = append(edited, i)
		case p == "." || p == "content" || strings.HasPrefix(p, "content/"):
			return nil, false
		}
	}
	return edited, true
}

// readEdited reads the edited postings files again (indices in the
// listing) into ld.last and the cache, adds the slugs they are of to
// changed, and reports whether they gave no diagnostics, before as now.
func (ld *Loader) readEdited(fsys fs.FS, edited []int, opt Options, changed map[string]bool) (quiet bool) {
	last := ld.last
	quiet = true
	for _, i := range edited {
		j := ld.listing.jobs[i]
		pf, fresh, read := ld.readOne(fsys, j, last.files[i], opt.NoBodies)
		if read {
			ld.read++
		}
		if fresh {
			ld.parsed++
		}
		if len(last.files[i].diags) > 0 || len(pf.diags) > 0 {
			quiet = false
		}
		last.files[i] = pf
		ld.cache[j.path] = pf
		last.bySlug[j.key][j.lang] = pf
		changed[j.key] = true
	}
	return quiet
}

// assembleEdited makes as.site.Postings those of the last Load, the
// postings of the changed slugs assembled again, and reports whether those
// it assembled gave no diagnostics, before as now.
func (ld *Loader) assembleEdited(as *assembly, changed map[string]bool) (quiet bool) {
	last := ld.last
	// The places of the changed slugs in last.slugs, in order.
	var at []int
	for slug := range changed {
		if i, ok := slices.BinarySearch(last.slugs, slug); ok {
			at = append(at, i)
		}
	}
	slices.Sort(at)
	quiet = true
	as.site.Postings = make([]*Posting, 0, len(last.assembled))
	for i, a := range last.assembled {
		edited := len(at) > 0 && at[0] == i
		// A posting without a default-language file is assembled again
		// whatever changed: whether its name is a typo of another
		// posting's depends on that posting's files (see assembly.slug).
		if edited || (a != nil && a.orphan()) {
			if edited {
				at = at[1:]
			}
			slug := last.slugs[i]
			b := as.slug(slug, a)
			if (a != nil && len(a.diags) > 0) || len(b.diags) > 0 {
				quiet = false
			}
			ld.postings[slug], last.assembled[i] = b, b
			continue
		}
		// Its files and its employer's did not change, nor the options.
		if a.posting != nil {
			as.site.Postings = append(as.site.Postings, a.posting)
		}
	}
	return quiet
}

type fileKind int

const (
	postingFile fileKind = iota
	organizationFile
)

// parsedFile is one content file after the checks that need only that file.
type parsedFile struct {
	path  string
	kind  fileKind
	key   string // slug or organization key
	lang  string
	hash  uint64
	ok    bool // front matter readable
	diags Diagnostics

	doc          document
	bodyLen      int  // of doc.body, also when it is not kept
	bodyDropped  bool // doc.body not kept (Options.NoBodies)
	open         int  // line of the opening delimiter
	title        string
	summary      string
	facts        *factsDoc // posting facts present in this file
	name         string    // organization name
	url, logo    string
	orgLines     map[string]int
	orgVals      map[string]string
	titleMissing bool
	titleLine    int
	empty        bool // a posting file holding nothing but spaces

	// checkFacts' diagnostics of this file (a posting's facts file), for
	// the day factsToday.
	factsDiags   Diagnostics
	factsToday   Date
	factsListing int // the listing days they were checked with
	factsChecked bool

	markLine   int         // line of the first placeholder of "jobboard new" in the body; 0: none
	fieldMarks []fieldMark // front-matter values still holding one

	// Where the body asks for an e-mail subject (subjectAsked), and how.
	subjectLine   int
	subjectPhrase string

	size   int64     // of the file when read
	mtime  time.Time // of the file when read; zero when unknown
	readAt time.Time // when it was read
}

// A listing is what listing content/ found: the content files to read and
// the problems with the names of the others.
type listing struct {
	jobs  []listedFile
	index map[string]int // path of each job → its index in jobs
	diags Diagnostics
}

type listedFile struct {
	path      string
	kind      fileKind
	key, lang string
}

// relist says whether content/ must be listed again: always, unless the
// Loader is Watched and every path invalidated under content/ is a file it
// listed last time and still a file. (A path outside content/, a layout,
// changes nothing of the listing.)
func (ld *Loader) relist(fsys fs.FS) bool {
	if !ld.Watched || ld.listing == nil {
		return true
	}
	for p := range ld.dirty {
		if p != "." && p != "content" && !strings.HasPrefix(p, "content/") {
			continue
		}
		if _, ok := ld.listing.index[p]; !ok {
			return true // added, a folder, site.yaml, or everything
		}
		if st, err := fs.Stat(fsys, p); err != nil || !st.Mode().IsRegular() {
			return true // removed, or renamed away
		}
	}
	return false
}

// readAll lists content/ and parses every posting and organization file,
// in parallel, reusing what the Loader parsed before when bytes are equal.
func (ld *Loader) readAll(fsys fs.FS, site *Site, l *list, noBodies bool) []*parsedFile {
	ld.listed = 0
	if ld.relist(fsys) {
		ld.listing = ld.list(fsys, site)
		ld.listed = 1
	}
	l.ds = append(l.ds, ld.listing.diags...)
	jobs := ld.listing.jobs
	if !ld.Watched {
		ld.listing = nil // not used: let it go
	}
	return ld.readListed(fsys, jobs, l, noBodies)
}

// list lists content/: the files to read, and a diagnostic for each name
// that is not one of a content file.
func (ld *Loader) list(fsys fs.FS, site *Site) *listing {
	var jobs []listedFile
	var l list
	err := fs.WalkDir(fsys, "content", func(p string, e fs.DirEntry, err error) error {
		if err != nil {
			l.errorf(p, 0, "", "%s", readProblem(err))
			return nil
		}
		name := e.Name()
		if p != "content" && (strings.HasPrefix(name, ".") || strings.HasSuffix(name, "~")) {
			if e.IsDir() {
				return fs.SkipDir
			}
			return nil // editors' backup and swap files
		}
		if e.Type()&fs.ModeSymlink != 0 {
			if problem := linkProblem(fsys, p); !problem.IsZero() { // see DirFS
				l.errorf(p, 0, "", "%s", problem)
				return nil
			}
		}
		if e.IsDir() {
			switch p {
			case "content", "content/postings", "content/organizations":
				return nil
			}
			l.errorf(p, 0, "", "unexpected folder: content/ holds site.yaml, organizations/ and postings/ only")
			return fs.SkipDir
		}
		dir := path.Dir(p)
		if p == "content/site.yaml" {
			return nil
		}
		var kind fileKind
		switch dir {
		case "content/postings":
			kind = postingFile
		case "content/organizations":
			kind = organizationFile
		default:
			l.errorf(p, 0, "", "unexpected file: postings go in content/postings/, employers in content/organizations/")
			return nil
		}
		key, lang, ok := splitName(name)
		switch {
		case !ok:
			l.errorf(p, 0, "", "file name must be <name>.<language>.md, like %s", examplePath(kind, site))
		case ld.cache[p] == nil && !slugRE.MatchString(key): // a file parsed before had a good name
			l.errorf(p, 0, "", "%q cannot be used in a web address: use lower-case letters a-z, digits and single hyphens, like mediateur-interculturel-calais", key)
		case !slices.Contains(site.Languages, lang):
			l.errorf(p, 0, "", "language %q is not one of the site's languages (%s) in content/site.yaml", lang, strings.Join(site.Languages, ", "))
		default:
			jobs = append(jobs, listedFile{p, kind, key, lang})
		}
		return nil
	})
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			l.errorf("content", 0, "", "no content folder")
		} else {
			l.errorf("content", 0, "", "%s", readProblem(err))
		}
	}
	index := make(map[string]int, len(jobs))
	for i, j := range jobs {
		index[j.path] = i
	}
	return &listing{jobs: jobs, index: index, diags: l.ds}
}

// readListed reads and parses the files of a listing.
func (ld *Loader) readListed(fsys fs.FS, jobs []listedFile, l *list, noBodies bool) []*parsedFile {
	out := make([]*parsedFile, len(jobs))
	fresh := make([]bool, len(jobs)) // parsed
	read := make([]bool, len(jobs))  // read, parsed or not
	var wg sync.WaitGroup
	next := make(chan int)
	for range min(runtime.GOMAXPROCS(0), max(len(jobs), 1)) {
		wg.Go(func() {
			for i := range next {
				out[i], fresh[i], read[i] = ld.readOne(fsys, jobs[i], ld.cache[jobs[i].path], noBodies)
			}
		})
	}
	for i := range jobs {
		next <- i
	}
	close(next)
	wg.Wait()

	cache := make(map[string]*parsedFile, len(out))
	ld.parsed, ld.read = 0, 0
	for i, pf := range out {
		cache[pf.path] = pf
		l.ds = append(l.ds, pf.diags...)
		if fresh[i] {
			ld.parsed++
		}
		if read[i] {
			ld.read++
		}
	}
	ld.cache = cache
	ld.dirty = nil
	return out
}

// readOne reads and parses the listed file j, unless old, the file as
// parsed last, is unchanged (see unchanged). It says whether the file was
// parsed, and whether it was read. With noBodies, a posting's body is not
// kept (Options.NoBodies); a file parsed so is parsed again for a Load
// that wants it.
func (ld *Loader) readOne(fsys fs.FS, j listedFile, old *parsedFile, noBodies bool) (pf *parsedFile, parsed, read bool) {
	if old != nil && old.bodyDropped && !noBodies {
		old = nil
	}
	if old != nil && old.kind == j.kind && ld.unchanged(fsys, old) {
		return old, false, false
	}
	readAt := time.Now()
	data, size, mtime, err := readFileStat(fsys, j.path)
	if err != nil {
		return &parsedFile{path: j.path, kind: j.kind, key: j.key, lang: j.lang,
			diags: Diagnostics{{File: j.path, Msg: readProblem(err)}}}, false, false
	}
	sum := FileHash(data)
	if int64(len(data)) != size {
		mtime = time.Time{} // changed while read: do not trust the time next time
	}
	if old != nil && old.hash == sum {
		// The same bytes: keep the parsed file, with the time seen now.
		kept := *old
		kept.size, kept.mtime, kept.readAt = size, mtime, readAt
		return &kept, false, true
	}
	if j.kind == postingFile {
		pf = parsePosting(j.path, j.key, j.lang, data)
	} else {
		pf = parseOrganization(j.path, j.key, j.lang, data)
	}
	pf.hash = sum
	pf.size, pf.mtime, pf.readAt = size, mtime, readAt
	pf.bodyLen = len(pf.doc.body)
	if noBodies && j.kind == postingFile {
		pf.doc.body, pf.bodyDropped = nil, true
	}
	return pf, true, true
}

// castagnoli is the table of crc32.Castagnoli, for FileHash.
var castagnoli = crc32.MakeTable(crc32.Castagnoli)

// FileHash identifies the bytes of a content file: for the Loader (the same
// bytes are the file it parsed before) and for the build's keys. It is the
// file's CRC-32 under two coprime polynomials, Castagnoli's and IEEE's,
// which together are a CRC of 64 bits (the remainders modulo each give the
// remainder modulo their product): two files of the same length that differ
// only within 64 bits in a row always hash apart, any other two all but
// once in 2^64. The processor computes both (SSE 4.2 and PCLMULQDQ on
// amd64, the CRC32 instructions on arm64), 16 times faster than FNV-1a,
// which took a twelfth of the CPU of a load of 10,000 postings.
func FileHash(data []byte) uint64 {
	return uint64(crc32.Checksum(data, castagnoli))<<32 | uint64(crc32.ChecksumIEEE(data))
}

func examplePath(kind fileKind, site *Site) string {
	if kind == organizationFile {
		return "content/organizations/ecpat-france." + site.DefaultLanguage() + ".md"
	}
	return "content/postings/mediateur-interculturel-calais." + site.DefaultLanguage() + ".md"
}

// splitName splits "slug.lang.md".
func splitName(name string) (key, lang string, ok bool) {
	base, found := strings.CutSuffix(name, ".md")
	if !found {
		return "", "", false
	}
	i := strings.LastIndexByte(base, '.')
	if i <= 0 {
		return "", "", false
	}
	return base[:i], base[i+1:], true
}

// readDocument splits data into pf's front matter and body, and returns a
// decoder for the front matter, or nil when it could not be read (the
// problem is in l).
func readDocument(pf *parsedFile, data []byte, l *list) *decoder {
	doc, ok := splitDocument(pf.path, data, l)
	pf.doc, pf.ok = doc, ok
	if !ok {
		return nil
	}
	_, pf.open = firstLine(data)
	return &decoder{file: pf.path, l: l}
}

func parsePosting(file, slug, lang string, data []byte) *parsedFile {
	pf := &parsedFile{path: file, kind: postingFile, key: slug, lang: lang}
	if len(bytes.TrimSpace(bytes.TrimPrefix(data, utf8BOM))) == 0 {
		// Editors in a browser create the file before it is written: a
		// translation not written yet, told of when the posting is
		// assembled (an error only for the file holding the facts).
		pf.empty = true
		return pf
	}
	var l list
	defer func() { pf.diags = l.ds }()
	d := readDocument(pf, data, &l)
	if d == nil {
		return pf
	}
	doc := pf.doc
	d.unknown(doc.fm, "", postingKeys, nestedHome)
	if f := doc.fm.get("title"); f != nil {
		pf.titleLine = f.line
		pf.title, _ = d.text(f, "title")
		d.warnInvisible(f, "title", pf.title)
	} else {
		l.errorf(file, pf.open, "title", "missing; every language file needs the job title")
		pf.titleMissing = true
	}
	if f := doc.fm.get("summary"); f != nil {
		pf.summary, _ = d.text(f, "summary")
		d.warnInvisible(f, "summary", pf.summary)
	}
	pf.facts = decodeFacts(d, doc.fm, pf.open)
	pf.markLine = placeholderLine(doc)
	pf.subjectLine, pf.subjectPhrase = subjectAsked(doc)
	pf.fieldMarks = fieldMarks(doc.fm, data, doc.bodyLine)
	for _, m := range pf.fieldMarks {
		// The archetype's salary of 1 is reported as a placeholder, not as pay.
		pf.facts.salaryExample = pf.facts.salaryExample || strings.HasPrefix(m.field, "salary")
	}
	// The tree of the front matter is read: the Loader keeps the parsed
	// file for the next load, but not the tree (~5 KB a file).
	pf.doc.fm = nil
	if len(bytes.TrimSpace(doc.body)) == 0 {
		l.errorf(file, doc.bodyLine, "", "the posting has no text: write the job description after the front matter")
	}
	return pf
}

var orgKeys = []string{"name", "url", "logo"}

func parseOrganization(file, key, lang string, data []byte) *parsedFile {
	pf := &parsedFile{path: file, kind: organizationFile, key: key, lang: lang,
		orgLines: map[string]int{}, orgVals: map[string]string{}}
	var l list
	defer func() { pf.diags = l.ds }()
	d := readDocument(pf, data, &l)
	if d == nil {
		return pf
	}
	doc := pf.doc
	d.unknown(doc.fm, "", orgKeys, nil)
	if f := doc.fm.get("name"); f != nil {
		pf.name, _ = d.text(f, "name")
	} else {
		l.errorf(file, pf.open, "name", "missing; give the employer's name")
	}
	if f := doc.fm.get("url"); f != nil {
		pf.orgLines["url"], pf.orgVals["url"] = f.line, f.val.canonical()
		if s, ok := d.text(f, "url"); ok {
			if err := checkAbsoluteURL(s); err != nil {
				d.errorf(f, "url", "%s", err)
			} else {
				pf.url = s
			}
		}
	}
	if f := doc.fm.get("logo"); f != nil {
		pf.orgLines["logo"], pf.orgVals["logo"] = f.line, f.val.canonical()
		if s, ok := d.text(f, "logo"); ok {
			if strings.Contains(s, "://") {
				// The pages load nothing from other sites (spec: no other origin).
				d.errorf(f, "logo", "must be an image file in assets/, not a web address: download the image into assets/ and give its path from there")
			} else {
				pf.logo = strings.TrimPrefix(path.Clean("/"+s), "/")
			}
		}
	}
	// The employer "jobboard init" writes has values to change.
	pf.markLine = placeholderLine(doc)
	pf.fieldMarks = fieldMarks(doc.fm, data, doc.bodyLine)
	pf.doc.fm = nil // read: not kept with the parsed file
	return pf
}

// factsFile picks, among the language files of one posting or
// organization, the one that holds the facts: the default language's, or
// the first language present.
func factsFile(files map[string]*parsedFile, langs []string) *parsedFile {
	for _, lang := range langs {
		if f := files[lang]; f != nil {
			return f
		}
	}
	return nil
}

func group(files []*parsedFile, kind fileKind) (keys []string, byKey map[string]map[string]*parsedFile) {
	byKey = map[string]map[string]*parsedFile{}
	for _, pf := range files {
		if pf.kind != kind {
			continue
		}
		if byKey[pf.key] == nil {
			byKey[pf.key] = map[string]*parsedFile{}
			keys = append(keys, pf.key)
		}
		byKey[pf.key][pf.lang] = pf
	}
	slices.Sort(keys)
	return keys, byKey
}

// reportNoDefaultText reports the employer key, whose facts file main is
// not in the default language: the file of the default language, which
// gives its web site, is missing, most often renamed alone. When one
// other employer has a file in the default language and none in main's,
// that is the one renamed, and main is to take its name.
func reportNoDefaultText(l *list, site *Site, key string, main *parsedFile, byKey map[string]map[string]*parsedFile) {
	def := site.DefaultLanguage()
	var others []string
	for k, files := range byKey {
		if files[def] != nil && files[main.lang] == nil {
			others = append(others, k)
		}
	}
	if len(others) == 1 {
		l.errorf(main.path, main.open, "", "employer %q has no %s text, the file that gives its web site (url): if you renamed it content/organizations/%s.%s.md, rename this file content/organizations/%s.%s.md", key, languageName(def), others[0], def, others[0], main.lang)
		return
	}
	l.errorf(main.path, main.open, "", "employer %q has no %s text (content/organizations/%s.%s.md), the file that gives its web site (url): create it", key, languageName(def), key, def)
}

// reportNoEmployer reports the employer org of the posting whose facts
// file is main as missing, naming the employers there are: the key to
// write may be one of them (a site made by init has votre-organisation).
func reportNoEmployer(l *list, main *parsedFile, org, lang string, orgFiles map[string]map[string]*parsedFile) {
	line := main.facts.lines["organization"]
	if len(orgFiles) == 0 {
		l.errorf(main.path, line, "organization", "no employer %q: create content/organizations/%s.%s.md", org, org, lang)
		return
	}
	keys := slices.Sorted(maps.Keys(orgFiles))
	if hint := suggest(org, keys); hint != "" {
		l.errorf(main.path, line, "organization", "no employer %q; did you mean %s? (else create content/organizations/%s.%s.md)", org, hint, org, lang)
		return
	}
	if len(keys) > maxListedEmployers {
		l.errorf(main.path, line, "organization", "no employer %q: create content/organizations/%s.%s.md, or write the name of one of the files there, without the language and .md", org, org, lang)
		return
	}
	l.errorf(main.path, line, "organization", "no employer %q: create content/organizations/%s.%s.md, or write one of the employers there are: %s", org, org, lang, strings.Join(keys, ", "))
}

// maxListedEmployers is how many employers an error may list: a network
// of associations may have hundreds.
const maxListedEmployers = 10

// assembleOrganizations builds site.Organizations and returns the
// organization files by key and language, readable or not, so postings can
// tell a missing employer file from a broken one (already reported).
func assembleOrganizations(fsys fs.FS, site *Site, files []*parsedFile, opt Options, l *list) map[string]map[string]*parsedFile {
	site.Organizations = map[string]*Organization{}
	keys, byKey := group(files, organizationFile)
	for _, key := range keys {
		langFiles := byKey[key]
		main := factsFile(langFiles, site.Languages)
		org := &Organization{Key: key, URL: main.url, Logo: main.logo, Text: map[string]*OrganizationText{}}
		if main.ok {
			if _, ok := main.orgLines["url"]; !ok && main.lang != site.DefaultLanguage() {
				reportNoDefaultText(l, site, key, main, byKey)
			} else if !ok {
				l.errorf(main.path, main.open, "url", "missing; give the employer's web site, like https://ecpat-france.org/")
			}
			if org.Logo != "" {
				if problem := checkLogo(fsys, org.Logo); !problem.IsZero() {
					l.errorf(main.path, main.orgLines["logo"], "logo", "%s", problem)
				}
			}
		}
		for _, lang := range site.Languages {
			pf := langFiles[lang]
			if pf == nil || !pf.ok {
				continue
			}
			org.Text[lang] = &OrganizationText{Lang: lang, File: pf.path, Name: pf.name, Body: body(pf, opt), BodyLine: pf.doc.bodyLine,
				marks: pf.fieldMarks, markLine: pf.markLine}
			if pf != main && main.ok {
				checkDrift(l, statedFacts{pf.path, pf.orgLines, pf.orgVals}, statedFacts{main.path, main.orgLines, main.orgVals})
			}
		}
		site.Organizations[key] = org
	}
	return byKey
}

// checkLogo returns what is wrong with a logo path (relative to assets/),
// or the zero Text.
func checkLogo(fsys fs.FS, logo string) msg.Text {
	st, err := fs.Stat(fsys, path.Join("assets", logo))
	switch {
	case err == nil && st.IsDir():
		return msg.New("assets/%s is a folder; give the path of the image file", logo)
	case err == nil:
		return msg.Text{}
	}
	if rest, ok := strings.CutPrefix(logo, "assets/"); ok {
		if _, err := fs.Stat(fsys, path.Join("assets", rest)); err == nil {
			return msg.New("assets/%s does not exist; the path is read from inside assets/: write logo: %s", logo, rest)
		}
	}
	return msg.New("assets/%s does not exist; put the image in assets/ and give its path from there", logo)
}

// An assembly is what assembling the postings of a Load reads, and where
// it reports: the site, the postings' files by slug and language (slugs
// sorted), the employers' files by key and language, the options, and the
// list of diagnostics.
type assembly struct {
	site     *Site
	slugs    []string
	bySlug   map[string]map[string]*parsedFile
	orgFiles map[string]map[string]*parsedFile
	opt      Options
	l        *list
}

// postings assembles the posting of every slug, reusing those of last (by
// slug, as the last Load assembled them), and returns them by slug.
func (as *assembly) postings(last map[string]*assembled) map[string]*assembled {
	next := make(map[string]*assembled, len(as.slugs))
	for _, slug := range as.slugs {
		next[slug] = as.slug(slug, last[slug])
	}
	return next
}

// msgMisnamed is the message of a translation file whose name is a typo
// of a posting's (slug, language, posting, its file), in one place so that
// it can be translated.
const msgMisnamed = "no posting %q in %s: did you mean %s? rename this file %s"

// slug is again, but for the files of a slug that has no
// file in the default language and is a typo of a posting's slug that
// lacks their languages (educateur-specialise-lile.en.md beside
// educateur-specialise-lille.fr.md): one error on each such file, rather
// than a posting with every fact missing.
func (as *assembly) slug(slug string, last *assembled) *assembled {
	twin := as.misnamedTwin(slug)
	if twin == "" {
		return as.again(slug, last)
	}
	site := as.site
	// Zero inputs: never taken for an assembly of these files later (and
	// an orphan: see assembled.orphan).
	a := &assembled{}
	for _, lang := range site.Languages {
		if pf := as.bySlug[slug][lang]; pf != nil {
			a.diags = append(a.diags, Diagnostic{File: pf.path, Msg: msg.New(msgMisnamed,
				slug, languageName(site.DefaultLanguage()), twin, twin+"."+lang+".md")})
		}
	}
	as.l.ds = append(as.l.ds, a.diags...)
	return a
}

// misnamedTwin is the slug whose files the files of slug were probably
// meant to join, or "": slug has no file in the default language, and the
// twin, one or two letters off, has one and none in slug's languages (or
// an empty one: the translation not written yet).
func (as *assembly) misnamedTwin(slug string) string {
	files, def := as.bySlug[slug], as.site.DefaultLanguage()
	if files[def] != nil {
		return ""
	}
	var candidates []string
	for _, s := range as.slugs {
		other := as.bySlug[s]
		if s == slug || other[def] == nil {
			continue
		}
		free := true // no file of other in slug's languages but empty ones
		for lang := range files {
			free = free && (other[lang] == nil || other[lang].empty)
		}
		if free {
			candidates = append(candidates, s)
		}
	}
	return suggest(slug, candidates)
}

// again is the posting of slug as assembled from its files, with its
// diagnostics added to as.l and the posting to as.site: last, the posting as
// the last Load assembled it, when its inputs are the same (the same files,
// employer files and options: at 10,000 postings, 25 ms of each rebuild of
// serve), or else a new assembly.
func (as *assembly) again(slug string, last *assembled) *assembled {
	in := as.inputs(as.bySlug[slug])
	a := last
	if a == nil || !a.inputs.equal(in) {
		from := len(as.l.ds)
		p := as.posting(slug)
		a = &assembled{inputs: in, posting: p, diags: slices.Clone(as.l.ds[from:])}
	} else {
		as.l.ds = append(as.l.ds, a.diags...)
	}
	if a.posting != nil {
		as.site.Postings = append(as.site.Postings, a.posting)
	}
	return a
}

// assembled is a posting as a Load assembled it from its inputs: nil when
// not published (a draft, or facts that cannot be read), with the
// diagnostics the assembly gave.
type assembled struct {
	inputs  assemblyIn
	posting *Posting
	diags   Diagnostics
}

// orphan says whether a's posting has no file in the default language
// (files are in the site's order), or was found misnamed (no inputs).
func (a *assembled) orphan() bool {
	return len(a.inputs.files) == 0 || a.inputs.files[0] == nil
}

// assemblyIn is everything assembly.posting reads: the posting's files (by
// language, as parsed: the Loader keeps a file's parse while its bytes do
// not change), which of its employer's files exist, and the options.
type assemblyIn struct {
	files                []*parsedFile
	orgFiles             []bool
	today                Date
	listingDays          int
	drafts, sharedBodies bool

	// With the employer missing, the employers there are, which its
	// error names (reportNoEmployer).
	orgKeys string
}

// inputs are the inputs of the assembly of a posting from langFiles, its
// files by language.
func (as *assembly) inputs(langFiles map[string]*parsedFile) assemblyIn {
	site, opt, orgFiles := as.site, as.opt, as.orgFiles
	in := assemblyIn{files: make([]*parsedFile, len(site.Languages)), today: opt.Today, listingDays: site.ListingDays,
		drafts: opt.Drafts, sharedBodies: opt.SharedBodies}
	for i, lang := range site.Languages {
		in.files[i] = langFiles[lang]
	}
	if main := factsFile(langFiles, site.Languages); main != nil && main.ok && main.facts != nil {
		org := main.facts.facts.Organization
		in.orgFiles = []bool{orgFiles[org] != nil}
		if orgFiles[org] == nil {
			in.orgKeys = strings.Join(slices.Sorted(maps.Keys(orgFiles)), "\n")
		}
		for _, lang := range site.Languages {
			in.orgFiles = append(in.orgFiles, orgFiles[org][lang] != nil)
		}
	}
	return in
}

func (a assemblyIn) equal(b assemblyIn) bool {
	return slices.Equal(a.files, b.files) && slices.Equal(a.orgFiles, b.orgFiles) && a.orgKeys == b.orgKeys &&
		a.today == b.today && a.listingDays == b.listingDays && a.drafts == b.drafts && a.sharedBodies == b.sharedBodies
}

// posting makes the posting of slug from its files; nil when it is not
// published.
func (as *assembly) posting(slug string) *Posting {
	site, langFiles, orgFiles, opt, l := as.site, as.bySlug[slug], as.orgFiles, as.opt, as.l
	main := factsFile(langFiles, site.Languages)
	if main.empty {
		l.errorf(main.path, 1, "", msgEmptyFile)
	}
	if !main.ok {
		return nil
	}
	l.ds = append(l.ds, checkFactsOnce(main, site, opt.Today)...)
	// Copies: the parsed files stay in the Loader's cache, and a caller
	// that does not load again may change the Site it gets (trim a body).
	p := &Posting{Slug: slug, Facts: main.facts.facts.clone(), FactsFile: main.path, Translations: map[string]*Translation{},
		CityLines: slices.Clone(main.facts.cityLines)}
	asked := false // a text asking for a subject apply lacks was reported
	for _, lang := range site.Languages {
		pf := langFiles[lang]
		if pf == nil {
			l.warnf(main.path, 0, "", "no %s version (content/postings/%s.%s.md): the posting is published in %s only",
				languageName(lang), slug, lang, presentLangs(langFiles, site.Languages))
			continue
		}
		if pf.empty {
			l.warnf(pf.path, 0, "", msgEmptyTranslation, languageName(lang), presentLangs(langFiles, site.Languages))
			continue
		}
		if !pf.ok {
			continue
		}
		if pf != main {
			checkTranslation(l, pf, main)
		}
		// The employer is named once, in the facts file: report there, once
		// per language whose employer file is missing. A file that exists
		// but cannot be read has its own error already.
		if org := p.Facts.Organization; org != "" {
			if orgFiles[org] == nil {
				if pf == main {
					reportNoEmployer(l, main, org, lang, orgFiles)
				}
			} else if orgFiles[org][lang] == nil {
				l.errorf(main.path, main.facts.lines["organization"], "organization", "employer %q has no %s text: create content/organizations/%s.%s.md", org, languageName(lang), org, lang)
			}
		}
		checkPlaceholders(l, pf, main.facts.facts.Draft)
		if pf.subjectLine > 0 && p.Facts.Apply.Subject == "" && !asked {
			l.warnf(pf.path, pf.subjectLine, "", msgSubjectAsked, pf.subjectPhrase)
			asked = true // once per posting
		}
		p.Translations[lang] = &Translation{Lang: lang, File: pf.path, Title: pf.title, Summary: pf.summary,
			Body: body(pf, opt), BodyLen: pf.bodyLen, BodyLine: pf.doc.bodyLine, Hash: pf.hash}
		p.Langs = append(p.Langs, lang)
	}
	if p.Facts.Draft && !opt.Drafts {
		return nil
	}
	return p
}

// checkFactsOnce is checkFacts' diagnostics of the facts file main: the
// rules over the whole set of facts depend on the file, the day and the
// listing days only, so they are kept with the parsed file from one Load
// to the next.
func checkFactsOnce(main *parsedFile, site *Site, today Date) Diagnostics {
	if !main.factsChecked || main.factsToday != today || main.factsListing != site.ListingDays {
		var fl list
		checkFacts(&decoder{file: main.path, l: &fl}, main.facts, factsDay{today, site.ListingDays})
		main.factsDiags, main.factsToday, main.factsListing, main.factsChecked = fl.ds, today, site.ListingDays, true
	}
	return main.factsDiags
}

// checkTranslation reports what the translation pf says against main, the
// file holding the facts: facts it repeats with another value, and a
// title left as main's.
func checkTranslation(l *list, pf, main *parsedFile) {
	checkDrift(l, statedFacts{pf.path, pf.facts.lines, pf.facts.vals}, statedFacts{main.path, main.facts.lines, main.facts.vals})
	if pf.title != "" && pf.title == main.title {
		l.warnf(pf.path, pf.titleLine, "title", msgUntranslatedTitle, main.path, languageName(pf.lang))
	}
}

// msgEmptyTranslation and msgUntranslatedTitle are the warnings of a
// translation not written, in one place so that they can be translated.
const (
	// language, languages published
	msgEmptyTranslation = "the file is empty: no %s version yet, the posting is published in %s only; write the translation, or delete the file"
	// file holding the facts, language
	msgUntranslatedTitle = "the same as in %s: translate the title into %s"
)

// presentLangs names the languages of files, in site order, but for the
// files that are empty: those the posting is published in.
func presentLangs(files map[string]*parsedFile, langs []string) languageNames {
	var out languageNames
	for _, lang := range langs {
		if f := files[lang]; f != nil && !f.empty {
			out = append(out, languageName(lang))
		}
	}
	return out
}

// statedFacts are the facts a file states: the canonical text of each
// value (vals) and the line it is on (lines), by field.
type statedFacts struct {
	file  string
	lines map[string]int
	vals  map[string]string
}

// checkDrift reports every fact the translation tr repeats with another
// value than main, the file holding the facts, naming both files.
func checkDrift(l *list, tr, main statedFacts) {
	fields := make([]string, 0, len(tr.vals))
	for f := range tr.vals {
		fields = append(fields, f)
	}
	slices.Sort(fields)
	for _, f := range fields {
		mv, ok := main.vals[f]
		switch {
		case !ok:
			l.errorf(tr.file, tr.lines[f], f, "translation drift: this fact is not in %s, which holds the facts; write it there, once", main.file)
		case mv != tr.vals[f]:
			l.errorf(tr.file, tr.lines[f], f, "translation drift: %s here but %s in %s:%d; facts must be the same in every language (remove this line, facts are written once)",
				tr.vals[f], mv, main.file, main.lines[f])
		}
	}
}

// languageName names a site language in messages, in the reader's
// language: French, or français.
type languageName string

func (n languageName) In(l msg.Lang) string {
	namer := display.English.Tags()
	if l == msg.French {
		namer = display.French.Tags()
	}
	if t, err := language.Parse(string(n)); err == nil {
		if name := namer.Name(t); name != "" {
			return name
		}
	}
	return string(n)
}

// languageNames is a list of languages, named in the reader's language.
type languageNames []languageName

func (ns languageNames) In(l msg.Lang) string {
	names := make([]string, len(ns))
	for i, n := range ns {
		names[i] = n.In(l)
	}
	return strings.Join(names, ", ")
}

// placeholders are the markers "jobboard new" leaves in the values to replace.
var placeholders = []string{"CHANGE ME", "À REMPLACER"}

// checkPlaceholders reports values still holding a marker of "jobboard new":
// a warning while the posting is a draft, an error once it would be published.
func checkPlaceholders(l *list, pf *parsedFile, draft bool) {
	reportPlaceholders(l, markedFile{pf.path, pf.fieldMarks, pf.markLine}, draft, "jobboard new")
}

// A markedFile is where the placeholders of a file are: the values of its
// front matter that hold one (fields), and the line of the first marker
// in its text (textLine; 0: none).
type markedFile struct {
	path     string
	fields   []fieldMark
	textLine int
}

// reportPlaceholders reports the placeholders of the file f left by the
// command from: as warnings when soft, else as errors.
func reportPlaceholders(l *list, f markedFile, soft bool, from string) {
	path := f.path
	placeholder := msg.New("still holds a placeholder from %q; replace it before publishing", from)
	report := func(line int, field string, problem msg.Text) {
		if soft {
			l.warnf(path, line, field, "%s", problem)
		} else {
			l.errorf(path, line, field, "%s", problem)
		}
	}
	for _, m := range f.fields {
		switch {
		case m.note != "":
			report(m.line, m.field, msg.New("still marked %s by \"%s\": write the real value; if it is written already, delete the note \"# %s…\"", m.note, from, m.note))
		case m.example != "":
			report(m.line, m.field, msg.New("holds %q, an example: write the real value", m.example))
		default:
			report(m.line, m.field, placeholder)
		}
	}
	// One report for the text is enough: at the line of the first marker,
	// found when the file was parsed (this runs for every posting at every
	// rebuild of serve).
	if f.textLine > 0 {
		report(f.textLine, "", placeholder)
	}
}

// A fieldMark is a front-matter value still holding a placeholder of
// "jobboard new".
type fieldMark struct {
	line  int
	field string // its path, like location.city
	// note is the marker of the comment beside the value, when the value
	// is the archetype's example (min: 1  # CHANGE ME: the minimum); ""
	// when the marker is in the value itself (title: "CHANGE ME").
	note string
	// example is the example the value holds (exampleIn) when it has no
	// marker: the note deleted, the value kept.
	example string
}

// initExamples are the example values jobboard init and jobboard new
// write beside their notes (internal/scaffold/site, layouts/archetypes),
// with the fields they are examples of (a name ending in "." stands for
// the fields below it: title.fr): with the note deleted and the value
// kept, they would be published (an example.org address as the site's,
// as the employer's, as the one candidates write to). Elsewhere they may
// be real ("lieu à préciser" in a summary). TestExamplesWithoutNotes
// holds the list to the templates.
var initExamples = []struct {
	text   string // as written in the line
	fields []string
}{
	{"emplois.example.org", []string{"base_url"}},
	{"www.example.org", []string{"url"}},
	{"candidatures@example.org", []string{"apply.to"}},
	{"applications@example.org", []string{"apply.to"}},
	{"Votre organisation", []string{"name", "title.", "description."}},
	{"Your organisation", []string{"name", "title.", "description."}},
	{"À préciser", []string{"location.city"}},
	{"To be decided", []string{"location.city"}},
	{`"00000"`, []string{"location.postal_code"}},
	{"1", []string{"salary.min", "salary.max"}}, // the whole value (see exampleIn)
}

// exampleOf says whether text, found in the value of field, is there as
// the example of jobboard init or new.
func exampleOf(text, field string) bool {
	for _, ex := range initExamples {
		if ex.text != text {
			continue
		}
		for _, f := range ex.fields {
			if field == f || strings.HasSuffix(f, ".") && strings.HasPrefix(field, f) {
				return true
			}
		}
	}
	return false
}

// valueOf is a line of front matter without the comment at its end (a #
// after a space, outside a quoted value).
func valueOf(code []byte) []byte {
	var quote byte
	for i, c := range code {
		switch {
		case quote != 0:
			if c == quote {
				quote = 0
			}
		case (c == '"' || c == '\'') && (i == 0 || strings.IndexByte(" \t:[{,-", code[i-1]) >= 0):
			quote = c // an apostrophe inside a word opens nothing
		case c == '#' && i > 0 && (code[i-1] == ' ' || code[i-1] == '\t'):
			return code[:i]
		}
	}
	return code
}

// mayHoldMarks says whether data may hold a placeholder or an example
// (exampleIn) somewhere: when it says no, it holds none.
func mayHoldMarks(data []byte) bool {
	for _, m := range placeholders {
		if bytes.Contains(data, []byte(m)) {
			return true
		}
	}
	for _, ex := range initExamples {
		if ex.text != "1" && bytes.Contains(data, []byte(ex.text)) {
			return true
		}
	}
	// A value of 1 alone (": 1" then no digit, point or comma).
	for rest := data; ; {
		i := bytes.Index(rest, []byte(": 1"))
		if i < 0 {
			return false
		}
		rest = rest[i+3:]
		if len(rest) == 0 || bytes.IndexByte([]byte("0123456789.,_"), rest[0]) < 0 {
			return true
		}
	}
}

// exampleIn is the example of jobboard init or new that a line of front
// matter holds, or "": one of initExamples, or the salary of 1 of the
// archetypes (min: 1, max: 1; kept by fieldMarks for those fields only).
func exampleIn(code []byte) string {
	for _, ex := range initExamples {
		if ex.text != "1" && bytes.Contains(code, []byte(ex.text)) {
			return ex.text
		}
	}
	if v := bytes.TrimSpace(code); bytes.Equal(v, []byte("min: 1")) || bytes.Equal(v, []byte("max: 1")) {
		return "1"
	}
	return ""
}

// fieldMarks finds, once per parsed file, the values of the front matter
// fm that still hold a placeholder: a value containing a marker (the title
// and summary the archetypes write), and a value whose line still carries
// the archetype's note (a salary of 1, an address at example.org: values
// that would pass every other check). data is the whole file; the front
// matter ends before bodyLine.
func fieldMarks(fm *node, data []byte, bodyLine int) []fieldMark {
	if !mayHoldMarks(data) {
		return nil // most files: the lines are not looked at one by one
	}
	var marks []fieldMark
	for line, text := range fmLines(data, bodyLine) {
		code := bytes.TrimSpace(text)
		if len(code) == 0 || code[0] == '#' {
			continue // a comment line: the archetypes' instructions
		}
		marked := false
		for _, m := range placeholders {
			at := bytes.Index(code, []byte(m))
			if at < 0 {
				continue
			}
			marked = true
			mark := fieldMark{line: line}
			if hash := bytes.LastIndexByte(code[:at], '#'); hash > 0 {
				if bytes.HasSuffix(bytes.TrimSpace(code[:hash]), []byte(":")) {
					break // a key that opens a block: its lines below say
				}
				mark.note = m
			}
			marks = append(marks, mark)
			break
		}
		if !marked {
			if ex := exampleIn(valueOf(code)); ex != "" {
				marks = append(marks, fieldMark{line: line, example: ex})
			}
		}
	}
	if marks == nil {
		return nil
	}
	// Name each mark's field by the line of its key or list item.
	fields := map[int]string{}
	var walk func(n *node, path string)
	walk = func(n *node, path string) {
		if n == nil {
			return
		}
		switch n.kind {
		case mapNode:
			for _, f := range n.keys {
				p := f.name
				if path != "" {
					p = path + "." + f.name
				}
				if _, ok := fields[f.line]; !ok {
					fields[f.line] = p
				}
				walk(f.val, p)
			}
		case listNode:
			for _, it := range n.items {
				if _, ok := fields[it.line]; !ok {
					fields[it.line] = path
				}
				walk(it, path)
			}
		}
	}
	walk(fm, "")
	kept := marks[:0]
	for _, m := range marks {
		m.field = fields[m.line]
		if m.example != "" && !exampleOf(m.example, m.field) {
			continue // in another field, not the example (a 1 that is not a salary)
		}
		m.example = strings.Trim(m.example, `"`)
		kept = append(kept, m)
	}
	return kept
}

// fmLines yields the lines of the front matter of data (those before
// bodyLine), numbered from 1.
func fmLines(data []byte, bodyLine int) func(yield func(int, []byte) bool) {
	return func(yield func(int, []byte) bool) {
		data = bytes.TrimPrefix(data, utf8BOM)
		for n := 1; n < bodyLine && len(data) > 0; n++ {
			line, rest, _ := bytes.Cut(data, []byte("\n"))
			if !yield(n, line) {
				return
			}
			data = rest
		}
	}
}

// placeholderLine is the line of the first placeholder in the body of a
// document, or 0. It searches the bytes, rather than each line of a copy.
func placeholderLine(doc document) int {
	first := -1
	for _, m := range placeholders {
		if i := bytes.Index(doc.body, []byte(m)); i >= 0 && (first < 0 || i < first) {
			first = i
		}
	}
	if first < 0 {
		return 0
	}
	return doc.bodyLine + bytes.Count(doc.body[:first], []byte("\n"))
}

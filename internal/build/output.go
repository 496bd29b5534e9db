package build

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

// Build makes the whole site in a folder beside the output folder and
// swaps it into place when every step succeeded: a failed build leaves the
// output as it was.
//
// Where files have identities (see manifest.go), that folder is the spare
// the last build kept (the output of the build before it), brought up to
// date; the previous output becomes the next spare. Elsewhere, and when
// there is no spare to trust, it is a new folder, and the previous output
// is deleted once swapped out.
//
// An output folder where the site would replace or delete files jobboard
// did not make is refused with an *OutError before anything is written:
// see checkOut.
func (b *Builder) Build(ctx context.Context) (*Result, error) {
	out, err := checkOut(b.cfg.Root, b.cfg.out())
	if err != nil {
		return nil, err
	}
	if err := os.MkdirAll(filepath.Dir(out), 0o755); err != nil {
		return nil, err
	}
	if !fileIDs {
		return b.buildInto(ctx, out, nil, nil, nil)
	}
	if fi, err := os.Lstat(cacheDir(out)); err == nil && !fi.IsDir() {
		// The name is jobboard's: a file there is a manifest of the first
		// form of this cache, which was a file by itself.
		os.Remove(cacheDir(out))
	}
	if err := makeCacheDir(cacheDir(out)); err != nil {
		return nil, err
	}
	// One build at a time per output: two would write into the same
	// spare. A second build waits for the first, then reads the manifest
	// the first wrote.
	unlock, err := lock(cacheDir(out))
	if err != nil {
		return nil, err
	}
	defer unlock()
	// What a build killed half-way left beside the output (57 MB at
	// 5,000 postings): no build of out is running, as this one holds the
	// lock. Where there is no lock, they stay.
	removeLeftovers(out)
	man := readManifest(out)
	if man.Exe.invalid {
		return b.buildInto(ctx, out, nil, nil, nil)
	}
	exe := func() exeID { return man.Exe }
	if man.Exe.SHA256 == "" {
		exe = exeLater()
	}
	// Marked before anything touches the spare, removed once the
	// manifest that describes it is written.
	if _, err := os.Stat(dirtyPath(out)); err == nil {
		man.Spare, man.SpareDirs = nil, nil
	}
	if err := os.WriteFile(dirtyPath(out), nil, 0o644); err != nil {
		return nil, err
	}
	sp := openSpare(sparePath(out), man)
	return b.buildInto(ctx, out, man, sp, exe)
}

// makeCacheDir makes the cache folder dir if it is not there, with a
// .gitignore that keeps git from taking it in (authors publish by
// committing, and may commit everything they see).
func makeCacheDir(dir string) error {
	if _, err := os.Stat(dir); err == nil {
		return nil
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	return os.WriteFile(filepath.Join(dir, ".gitignore"), []byte("# jobboard build's cache: nothing here is to be committed.\n*\n"), 0o644)
}

// buildInto builds into the spare sp, or a new folder when sp is nil, and
// swaps the result into place. With a manifest (man not nil), it links the
// files that did not change and keeps the previous output as the next
// spare, in the next manifest, made by the executable exe.
func (b *Builder) buildInto(ctx context.Context, out string, man *manifest, sp *spare, exe func() exeID) (*Result, error) {
	dir := ""
	if sp != nil {
		dir = sp.dir
	} else {
		if man != nil {
			// A spare not to be trusted, or half-written.
			if err := removeTree(sparePath(out)); err != nil {
				return nil, err
			}
		}
		tmp, err := os.MkdirTemp(filepath.Dir(out), newPrefix(out))
		if err != nil {
			return nil, err
		}
		// MkdirTemp makes 0700 folders; a published site must be readable.
		if err := os.Chmod(tmp, 0o755); err != nil {
			os.Remove(tmp)
			return nil, err
		}
		dir = tmp
	}
	dw := newDirWriter(dir, out, sp, man != nil)
	var ru *reuser
	if man != nil {
		ru = newReuser(man, dw)
		defer ru.close()
	}
	res, err := b.generate(ctx, sinks{w: dw.write, open: dw.open}, ru)
	if res != nil {
		res.Kept = int(dw.kept.Load())
	}
	if err == nil && sp != nil {
		err = dw.prune()
	}
	if err != nil {
		failed(out, dir, sp, dw)
		return res, err
	}
	var dirs map[string]fileID
	if ru != nil {
		dirs = dw.dirIDs()
	}
	old, err := replace(dir, out)
	if err != nil {
		failed(out, dir, sp, dw)
		return res, err
	}
	if ru == nil {
		if old != "" {
			return res, removeTree(old)
		}
		return res, nil
	}
	ru.keepSpare(out, old, dirs, exe)
	return res, nil
}

// keepSpare ends a build with a reuser that succeeded, its output in
// place and the previous one moved to old ("": none): the previous output
// is the next spare if the manifest knew it, and the next manifest, of
// the output's folders dirs, made by the executable exe, is written. It
// is only a cache: without one, the next build renders everything into a
// new folder.
func (ru *reuser) keepSpare(out, old string, dirs map[string]fileID, exe func() exeID) {
	man, next := ru.prev, ru.manifest(dirs)
	if old != "" {
		keep := man.Files != nil && man.Dirs != nil
		if keep && old != sparePath(out) && os.Rename(old, sparePath(out)) != nil {
			keep = false
		}
		if keep {
			next.Spare = make(map[string]fileID, len(man.Files))
			for name, f := range man.Files {
				next.Spare[name] = f.ID
			}
			next.SpareDirs = man.Dirs
		} else {
			removeTree(old)
		}
	}
	if next.Exe = exe(); next.Exe.invalid || next.write(out) != nil {
		removeManifest(out)
		return // the spare stays marked: the next build removes it
	}
	os.Remove(dirtyPath(out))
}

// failed cleans up after a build into dir that failed: a new folder is
// removed; a spare too, if the build wrote into it (most failures are
// mistakes in the content, found before anything is written), since the
// manifest no longer describes it.
func failed(out, dir string, sp *spare, dw *dirWriter) {
	if (sp == nil || dw.touched.Load()) && removeTree(dir) != nil && sp != nil {
		return // the spare stays marked
	}
	os.Remove(dirtyPath(out))
	if _, err := os.Stat(manifestPath(out)); errors.Is(err, fs.ErrNotExist) {
		os.RemoveAll(cacheDir(out)) // a first build's: nothing to keep
	}
}

// replace puts dir in place of out. Where the system can exchange two
// folders in one step (Linux), it does, so that a web server never finds
// the output missing; elsewhere the old output is renamed aside first, so
// that there is never a half-written site in place. It returns where the
// previous output is now, "" when there was none.
func replace(dir, out string) (string, error) {
	switch exchanged, err := exchange(dir, out); {
	case err != nil:
		return "", fmt.Errorf("replace %s: %w", out, err)
	case exchanged:
		return dir, nil
	}
	old := ""
	if _, err := os.Lstat(out); err == nil {
		old = filepath.Join(filepath.Dir(out), fmt.Sprintf("%s%d", oldPrefix(out), time.Now().UnixNano()))
		if err := os.Rename(out, old); err != nil {
			return "", fmt.Errorf("replace %s: %w", out, err)
		}
	}
	if err := os.Rename(dir, out); err != nil {
		if old != "" {
			os.Rename(old, out) // put the previous site back
		}
		return "", fmt.Errorf("replace %s: %w", out, err)
	}
	return old, nil
}

// removeTree is os.RemoveAll, with the top-level entries of dir removed
// side by side, one per CPU: the previous site's 30,000 files and folders
// at 10,000 postings (fr/ and en/) take 1.4 s one by one and 0.9 s two at
// a time, and the build waits for them.
func removeTree(dir string) error {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return os.RemoveAll(dir)
	}
	var wg sync.WaitGroup
	errs := make([]error, len(entries))
	slots := make(chan struct{}, runtime.GOMAXPROCS(0))
	for i, e := range entries {
		slots <- struct{}{}
		wg.Go(func() {
			defer func() { <-slots }()
			errs[i] = os.RemoveAll(filepath.Join(dir, e.Name()))
		})
	}
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		return err
	}
	return os.RemoveAll(dir)
}

// spare is the spare folder, checked against the manifest: its files (as
// far as the manifest knows: each is looked at before it is kept) and its
// folders, each of which holds nothing the manifest does not name.
type spare struct {
	dir   string
	files map[string]fileID
	dirs  map[string]bool
}

// openSpare checks the spare folder dir against man; nil when there is
// none or the manifest does not describe one. A folder whose identity is
// not the recorded one (something was added, removed or renamed in it) is
// listed, and what the manifest does not name is removed from it.
func openSpare(dir string, man *manifest) *spare {
	if man.Spare == nil || man.SpareDirs == nil {
		return nil
	}
	if _, ok := dirID(dir); !ok {
		return nil
	}
	sp := &spare{dir: dir, files: man.Spare, dirs: make(map[string]bool, len(man.SpareDirs))}
	known := func(name string, isDir bool) bool {
		if isDir {
			_, ok := man.SpareDirs[name]
			return ok
		}
		_, ok := man.Spare[name]
		return ok
	}
	// Parents first, so that a folder removed with its parent is not
	// looked at.
	names := make([]string, 0, len(man.SpareDirs))
	for d := range man.SpareDirs {
		names = append(names, d)
	}
	slices.SortFunc(names, func(a, b string) int {
		return cmpDepth(a, b)
	})
	// The folders looked at are known ones, which the loop removes none
	// of: their identities can all be had first, at once.
	paths := make([]string, len(names))
	for i, d := range names {
		paths[i] = filepath.Join(dir, filepath.FromSlash(d))
	}
	ids := dirIDsOf(paths)
	for i, d := range names {
		if d != "." && !sp.dirs[path.Dir(d)] {
			continue // its parent is gone
		}
		p := paths[i]
		id, ok := ids[i].id, ids[i].ok
		if !ok {
			continue
		}
		if id != man.SpareDirs[d] {
			entries, err := os.ReadDir(p)
			if err != nil {
				return nil
			}
			for _, e := range entries {
				name := path.Join(d, e.Name())
				if !known(name, e.IsDir()) {
					if err := os.RemoveAll(filepath.Join(p, e.Name())); err != nil {
						return nil
					}
				}
			}
		}
		sp.dirs[d] = true
	}
	if !sp.dirs["."] {
		return nil
	}
	return sp
}

// cmpDepth orders slash paths by depth, then by name; "." first.
func cmpDepth(a, b string) int {
	da, db := depth(a), depth(b)
	if da != db {
		return da - db
	}
	return strings.Compare(a, b)
}

func depth(p string) int {
	if p == "." {
		return 0
	}
	return strings.Count(p, "/") + 1
}

// dirWriter writes into dir, whole files or (open) files in parts. It
// remembers the folders it made, so that each costs one mkdir: every
// posting page has its own folder, and MkdirAll would stat the path and
// its parent first.
//
// A file whose bytes are those of the same file in prev (the output this
// build replaces) is linked from there instead of written: it keeps its
// modification time, so that a deploy that syncs by time uploads only what
// changed, and no new file is made. On this project's machines making a
// file costs a quarter to half a millisecond of system time, linking one
// a fiftieth of that, and reading the old one back from the page cache
// less. The previous output is only read: if the build fails it is left
// as it was.
//
// In a spare (see manifest.go), a file is never written in place: it may
// be a link to a file of the output. A new file is written under another
// name and renamed over the old; a file already the very file of the
// output is left as it is.
type dirWriter struct {
	dir, prev string
	spare     *spare // nil: dir was empty
	mu        sync.Mutex
	made      map[string]bool
	ids       map[string]fileID // of every file made, for a build manifest; nil: none kept
	linking   atomic.Bool       // false once a link failed: a file system without hard links
	touched   atomic.Bool       // something was written or removed in dir
	kept      atomic.Int64
	bufs      sync.Pool // *[]byte to read previous files into
}

// tmpSuffix names a file being written in a spare, until it is renamed
// into place. No output file ends so.
const tmpSuffix = ".jobboard-new"

// newDirWriter writes into dir over prev, in the spare sp if not nil;
// with manifest, it records the identity of every file it makes.
func newDirWriter(dir, prev string, sp *spare, manifest bool) *dirWriter {
	w := &dirWriter{dir: dir, prev: prev, spare: sp, made: map[string]bool{dir: true}}
	if manifest {
		w.ids = map[string]fileID{}
	}
	if sp != nil {
		for d := range sp.dirs {
			w.made[filepath.Join(dir, filepath.FromSlash(d))] = true
		}
	}
	if prev != "" {
		if fi, err := os.Stat(prev); err == nil && fi.IsDir() {
			w.linking.Store(true)
		}
	}
	w.bufs.New = func() any { b := make([]byte, 64<<10); return &b }
	return w
}

func (w *dirWriter) mkdir(d string) error {
	w.mu.Lock()
	ok := w.made[d]
	w.mu.Unlock()
	if ok {
		return nil
	}
	w.touched.Store(true)
	err := os.Mkdir(d, 0o755)
	if errors.Is(err, fs.ErrNotExist) {
		if err := w.mkdir(filepath.Dir(d)); err != nil {
			return err
		}
		err = os.Mkdir(d, 0o755)
	}
	if err != nil && !errors.Is(err, fs.ErrExist) { // another writer may have made it
		return err
	}
	w.mu.Lock()
	w.made[d] = true
	w.mu.Unlock()
	return nil
}

// record records id as the identity of the file name, if w keeps them.
func (w *dirWriter) record(name string, id fileID) {
	if w.ids == nil {
		return
	}
	w.mu.Lock()
	w.ids[name] = id
	w.mu.Unlock()
}

// recordAt records the identity of the file name, made at p, if w keeps
// them.
func (w *dirWriter) recordAt(name, p string) {
	if w.ids == nil {
		return
	}
	if id, ok := statID(p); ok {
		w.record(name, id)
	}
}

// previousID is the identity of p, a file of the previous output to
// place, when w needs it (to record it, or to compare it with a spare's
// file); without, the zero identity does. ok is false when it is needed
// and cannot be had.
func (w *dirWriter) previousID(p string) (id fileID, ok bool) {
	if w.ids == nil && w.spare == nil {
		return fileID{}, true
	}
	return statID(p)
}

// inSpare says whether the spare may hold a file name.
func (w *dirWriter) inSpare(name string) bool {
	if w.spare == nil {
		return false
	}
	_, ok := w.spare.files[name]
	return ok
}

// write is the Writer of w.
func (w *dirWriter) write(name string, data []byte) error {
	p := filepath.Join(w.dir, filepath.FromSlash(name))
	if err := w.mkdir(filepath.Dir(p)); err != nil {
		return err
	}
	if w.linking.Load() {
		old := filepath.Join(w.prev, filepath.FromSlash(name))
		buf := w.bufs.Get().(*[]byte)
		same := sameContent(old, data, *buf)
		w.bufs.Put(buf)
		if same {
			if id, ok := w.previousID(old); ok && w.place(name, old, id) == nil {
				return nil
			}
		}
	}
	w.touched.Store(true)
	if w.spare == nil {
		if err := writeFile(p, data); err != nil {
			return err
		}
		w.recordAt(name, p)
		return nil
	}
	tmp := p + tmpSuffix
	os.Remove(tmp)
	if err := writeFile(tmp, data); err != nil {
		return err
	}
	if err := os.Rename(tmp, p); err != nil {
		os.Remove(tmp)
		return err
	}
	w.recordAt(name, p)
	return nil
}

// place makes the file name of w the file src of the previous output,
// whose identity is id: a hard link to it. (In a spare, it often is one
// already.)
func (w *dirWriter) place(name, src string, id fileID) error {
	if !w.linking.Load() {
		return errors.ErrUnsupported
	}
	p := filepath.Join(w.dir, filepath.FromSlash(name))
	if err := w.mkdir(filepath.Dir(p)); err != nil {
		return err
	}
	if err := w.linkInto(src, p, w.inSpare(name), id); err != nil {
		w.linking.Store(false) // no hard links here: write every file from now on
		return err
	}
	w.kept.Add(1)
	// A link is the same file, but making one changes its change
	// time: the identity recorded is the file's as it is now.
	if w.ids != nil {
		if now, ok := statID(p); ok && now.sameFile(id) {
			id = now
		}
	}
	w.record(name, id)
	return nil
}

// linkInto makes p a hard link to src, whose identity is id. If p may be
// there already (exists), it is checked and replaced in one step (a link
// under another name renamed over it).
func (w *dirWriter) linkInto(src, p string, exists bool, id fileID) error {
	if exists {
		if have, ok := statID(p); ok && have.sameFile(id) {
			return nil
		}
		w.touched.Store(true)
		tmp := p + tmpSuffix
		os.Remove(tmp)
		if err := os.Link(src, tmp); err != nil {
			return err
		}
		if err := os.Rename(tmp, p); err != nil {
			os.Remove(tmp)
			return err
		}
		return nil
	}
	w.touched.Store(true)
	err := os.Link(src, p)
	if errors.Is(err, fs.ErrExist) { // not named by the manifest, but there
		return w.linkInto(src, p, true, id)
	}
	return err
}

// open is the opener of w. A file written in parts is compared, as it is
// written, with the same file of the previous output; if every byte was
// that file's, the previous file takes its place when it is closed, so
// that it too keeps its time.
func (w *dirWriter) open(name string) (io.WriteCloser, error) {
	p := filepath.Join(w.dir, filepath.FromSlash(name))
	if err := w.mkdir(filepath.Dir(p)); err != nil {
		return nil, err
	}
	// Written beside its place, and renamed there unless the previous
	// file takes it.
	w.touched.Store(true)
	at := p + tmpSuffix
	os.Remove(at)
	f, err := os.OpenFile(at, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, 0o644)
	if err != nil {
		return nil, err
	}
	pf := &partsFile{file: f, w: w, name: name, path: p}
	if w.linking.Load() {
		pf.old = openPrevious(filepath.Join(w.prev, filepath.FromSlash(name)))
		pf.buf = make([]byte, 64<<10)
	}
	return pf, nil
}

// partsFile is a file of dirWriter.open. It has no other method than Write
// and Close, so that every byte written goes through the comparison.
type partsFile struct {
	file *os.File // written beside path
	name string   // in the output
	path string
	w    *dirWriter
	old  *os.File // the previous output's file, read along while the bytes written are its bytes; nil once they differ
	buf  []byte
}

func (f *partsFile) Write(p []byte) (int, error) {
	if f.old != nil && !readsAs(f.old, p, f.buf) {
		f.old.Close()
		f.old = nil
	}
	return f.file.Write(p)
}

func (f *partsFile) Close() error {
	err := f.file.Close()
	written := f.file.Name()
	if old := f.old; old != nil {
		defer old.Close()
		if err == nil && atEnd(old, f.buf) {
			if id, ok := f.w.previousID(old.Name()); ok && f.w.place(f.name, old.Name(), id) == nil {
				os.Remove(written)
				return nil
			}
		}
	}
	if err == nil {
		err = os.Rename(written, f.path)
	}
	if err != nil {
		os.Remove(written)
		return err
	}
	f.w.recordAt(f.name, f.path)
	return nil
}

// prune removes from a spare what the new output does not have: the files
// and folders of postings gone since, the old versions of assets.
func (w *dirWriter) prune() error {
	w.touched.Store(true)
	for name := range w.spare.files {
		if _, ok := w.ids[name]; !ok {
			if err := os.Remove(filepath.Join(w.dir, filepath.FromSlash(name))); err != nil && !errors.Is(err, fs.ErrNotExist) {
				return err
			}
		}
	}
	needed := w.folders()
	var gone []string
	for d := range w.spare.dirs {
		if !needed[d] {
			gone = append(gone, d)
		}
	}
	slices.SortFunc(gone, func(a, b string) int { return cmpDepth(b, a) }) // deepest first
	for _, d := range gone {
		if err := os.RemoveAll(filepath.Join(w.dir, filepath.FromSlash(d))); err != nil {
			return err
		}
	}
	return nil
}

// folders are the folders of the output ("." for itself), by slash path.
func (w *dirWriter) folders() map[string]bool {
	dirs := map[string]bool{".": true}
	for name := range w.ids {
		for d := path.Dir(name); !dirs[d]; d = path.Dir(d) {
			dirs[d] = true
		}
	}
	return dirs
}

// dirIDs are the identities of the output's folders, once it is complete.
func (w *dirWriter) dirIDs() map[string]fileID {
	var names, paths []string
	for d := range w.folders() {
		names = append(names, d)
		paths = append(paths, filepath.Join(w.dir, filepath.FromSlash(d)))
	}
	ids := map[string]fileID{}
	for i, id := range dirIDsOf(paths) {
		if id.ok {
			ids[names[i]] = id.id
		}
	}
	return ids
}

// maybeID is a file's identity, if it could be had.
type maybeID struct {
	id fileID
	ok bool
}

// dirIDsOf is dirID of each of paths, asked by a goroutine per CPU: a
// rebuild at 10,000 postings asks for 20,000 folders twice (the spare's
// as it opens it, the output's for the next manifest), each a system call
// that waits on no other, 0.1 s each time on one goroutine.
func dirIDsOf(paths []string) []maybeID {
	ids := make([]maybeID, len(paths))
	var next atomic.Int64
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), max(len(paths)/256, 1)) {
		wg.Go(func() {
			for {
				start := int(next.Add(256)) - 256
				if start >= len(paths) {
					return
				}
				for i := start; i < min(start+256, len(paths)); i++ {
					ids[i].id, ids[i].ok = dirID(paths[i])
				}
			}
		})
	}
	wg.Wait()
	return ids
}

// readsAs reads len(data) bytes from r, len(buf) at a time, and says
// whether they are data.
func readsAs(r io.Reader, data, buf []byte) bool {
	for len(data) > 0 {
		n, err := io.ReadFull(r, buf[:min(len(buf), len(data))])
		if err != nil || !bytes.Equal(buf[:n], data[:n]) {
			return false
		}
		data = data[n:]
	}
	return true
}

// atEnd says whether r has nothing more to read.
func atEnd(r io.Reader, buf []byte) bool {
	n, err := r.Read(buf[:1])
	return n == 0 && err == io.EOF
}

package build

import (
	"bufio"
	"crypto/sha256"
	"encoding/gob"
	"encoding/hex"
	"io"
	"os"
	"path/filepath"
	"sync"

	"github.com/jobboard/jobboard/internal/content"
)

// A build manifest lets `jobboard build`, a new process each time, render
// only the pages whose inputs changed since the last build, as serve's
// Update does in memory, and make the new output in the folders of the
// one before it instead of new ones.
//
// The cache folder beside the output (public/ → .public.jobboard-cache/)
// holds the manifest and the spare: the output of the build before last,
// swapped out by the last build and kept, not deleted. For every file of
// the output, the manifest keeps the key of its inputs (incremental.go)
// and its identity (size, modification time, inode); the identities of
// the output's folders and of the spare's files and folders; and what the
// next build would otherwise work out again from every posting: the
// diagnostics of Check, the summaries taken from bodies, and where each
// job's entry is in jobs.xml.
//
// A page whose key is the one recorded, and whose file in the output is
// still the one recorded, is linked into the new output instead of
// rendered: at 10,000 postings rendering and minifying is two thirds of a
// build's CPU. And the new output is made in the spare, whose folders are
// the output's but for the postings added or removed since, and whose
// unchanged files are already links to the output's: on this project's
// machines making a folder costs up to half a millisecond of system time,
// and every posting page has its own, 20,000 at 10,000 postings; deleting
// the previous output costs as much again. The spare is only written
// through new files renamed into place, never into a file it may share
// with the output; a folder whose identity is not the recorded one is
// listed, and anything in it the manifest does not know is removed.
//
// One build at a time writes into the spare: Build takes a lock on the
// cache folder (flock), and a second build waits for it.
//
// File and folder identities rely on change times (ctime) telling edits
// apart: the system sets a file's at every change of it, even when its
// modification time is put back (touch -d, an editor that keeps it), and
// nobody can set it. So a file edited by hand, whatever its size and
// modification time, is made again by the next build. Making a link to a
// file, or removing one, changes its change time too: the identity
// recorded for a file linked into the output is taken after the link, and
// a build that removes a spare it does not trust (whose files are links to
// the output's) makes every page again once, to find most of them the
// same. Where a file system's times are as coarse as the kernel's clock
// tick (a few ms), an edit by hand within the same tick as the build's
// write of that file could go unseen, as in git's "racy" index (newer
// Linux kernels give a file whose times were just looked at, as the build
// looks at each file it writes, a finer time at its next change). Where
// the change time is not read (systems other than Linux and macOS), an
// edit that keeps the size and the modification time goes unseen.
//
// The manifest is only a cache. It is read if it is there and whole, and
// of this format; its keys, diagnostics and summaries only if it was made
// by this very jobboard executable (the code renders the pages too). A
// file edited by hand in the output has another change time, a copied
// output other inodes, so neither is trusted. Deleting the cache folder
// makes the next build render everything into new folders. The manifest is
// written after the new output is in place; a build that fails leaves the
// output and the manifest as they were, and removes the spare if it had
// begun to write into it (the file spare.dirty marks that, in case the
// process is killed).
type manifest struct {
	Format    string
	Exe       exeID
	Files     map[string]outFile             // the output's files (slash paths) → key and identity
	Dirs      map[string]fileID              // the output's folders ("." for itself)
	Spare     map[string]fileID              // the spare's files, as they were when it was the output
	SpareDirs map[string]fileID              // and its folders
	Checks    map[uint64]content.Diagnostics // checkOf or orgCheckKey → Check's diagnostics
	Summaries map[uint64]string              // hash of a posting file whose front matter has no summary → its body's
	Jobs      map[uint64]span                // key of a job entry → its bytes in jobs.xml
	Several   map[string][]string            // an output of several files (its first) → all of them
}

const manifestFormat = "jobboard build manifest 2"

// outFile is what the manifest knows of one output file.
type outFile struct {
	Key uint64 // noKey: none (a manifest of another executable)
	ID  fileID
}

// fileID tells a file apart from another version of it.
type fileID struct {
	Size, ModTime int64 // modification time in ns
	Ino, Dev      uint64
	// Ctime is the time of the last change of the file (its inode) in
	// ns, which the system sets at every change, even one whose
	// modification time was put back (touch -d, or an editor that
	// keeps it); 0 where it is not known.
	Ctime int64
}

// sameFile says whether a and b are the same file (two links to it).
func (a fileID) sameFile(b fileID) bool { return a.Ino == b.Ino && a.Dev == b.Dev }

// span is a run of bytes in a file.
type span struct{ Off, Len int64 }

// exeID is the executable that wrote a manifest, with its hash kept by its
// path, size and time, so that it is hashed once per version and not at
// every build.
type exeID struct {
	Path    string
	ID      fileID
	SHA256  string
	invalid bool
}

// cacheDir is the cache folder of the output folder out; the manifest,
// the spare and the mark of a spare being written are in it.
func cacheDir(out string) string {
	return filepath.Join(filepath.Dir(out), "."+filepath.Base(out)+".jobboard-cache")
}

func manifestPath(out string) string { return filepath.Join(cacheDir(out), "manifest") }
func sparePath(out string) string    { return filepath.Join(cacheDir(out), "spare") }
func dirtyPath(out string) string    { return filepath.Join(cacheDir(out), "spare.dirty") }

// thisExe identifies the running executable; invalid when it cannot be
// read, and then no manifest is used.
func thisExe(known exeID) exeID {
	p, err := os.Executable()
	if err != nil {
		return exeID{invalid: true}
	}
	id, ok := statID(p)
	if !ok {
		return exeID{invalid: true}
	}
	if known.Path == p && known.ID == id && known.SHA256 != "" {
		return known
	}
	f, err := os.Open(p)
	if err != nil {
		return exeID{invalid: true}
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return exeID{invalid: true}
	}
	return exeID{Path: p, ID: id, SHA256: hex.EncodeToString(h.Sum(nil))}
}

// readManifest reads the manifest of out: an empty one when there is none
// or it is not whole; without keys, diagnostics and summaries when another
// executable made it. The Exe of an empty one is not known yet: only the
// next manifest needs it, and hashing the executable (20 MB) would be a
// tenth of a build of 100 postings from empty, so the build works it out
// on the side (see exeLater).
func readManifest(out string) *manifest {
	var m manifest
	f, err := os.Open(manifestPath(out))
	if err == nil {
		err = gob.NewDecoder(bufio.NewReader(f)).Decode(&m)
		f.Close()
	}
	if err != nil || m.Format != manifestFormat {
		return &manifest{}
	}
	exe := thisExe(m.Exe)
	if exe.invalid || exe.SHA256 != m.Exe.SHA256 {
		for name, f := range m.Files {
			f.Key = noKey
			m.Files[name] = f
		}
		m.Checks, m.Summaries, m.Jobs = nil, nil, nil
	}
	m.Exe = exe
	return &m
}

// exeLater works out thisExe on another goroutine; the function returned
// waits for it.
func exeLater() func() exeID {
	done := make(chan exeID, 1)
	go func() { done <- thisExe(exeID{}) }()
	return sync.OnceValue(func() exeID { return <-done })
}

// write puts m in place of out's manifest, whole or not at all.
func (m *manifest) write(out string) error {
	p := manifestPath(out)
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		return err
	}
	f, err := os.CreateTemp(filepath.Dir(p), "manifest.*")
	if err != nil {
		return err
	}
	bw := bufio.NewWriter(f)
	err = gob.NewEncoder(bw).Encode(m)
	if err == nil {
		err = bw.Flush()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(f.Name(), p)
	}
	if err != nil {
		os.Remove(f.Name())
	}
	return err
}

// removeManifest deletes out's manifest, when a new one could not be
// written. (One left behind would mislead no build: the files it names
// that the last build made again have new times, and those it linked are
// still what it says.)
func removeManifest(out string) { os.Remove(manifestPath(out)) }

// reuser is one build's use of the last manifest (prev) and the making of
// the next: it links into the new output the files whose key and identity
// are the ones prev recorded.
type reuser struct {
	prev *manifest
	dw   *dirWriter
	res  *Result // counts the files linked

	mu   sync.Mutex
	next *manifest

	jobsOnce sync.Once
	jobsFile *os.File // the previous jobs.xml, checked against prev; nil when it is not the one prev describes
}

func newReuser(prev *manifest, dw *dirWriter) *reuser {
	return &reuser{prev: prev, dw: dw, next: &manifest{
		Format: manifestFormat, Exe: prev.Exe, Files: map[string]outFile{},
		Checks: map[uint64]content.Diagnostics{}, Summaries: map[uint64]string{}, Jobs: map[uint64]span{},
		Several: map[string][]string{},
	}}
}

// reuse records key as the key of output file name and, when the previous
// output's file has that key and is the very file recorded, links it into
// the new output and says so.
func (ru *reuser) reuse(name string, key uint64) bool {
	ru.mu.Lock()
	ru.next.Files[name] = outFile{Key: key}
	old, ok := ru.prev.Files[name]
	ru.mu.Unlock()
	if !ok || old.Key != key || key == noKey {
		return false
	}
	src := filepath.Join(ru.dw.prev, filepath.FromSlash(name))
	if id, ok := statID(src); !ok || id != old.ID {
		return false
	}
	if err := ru.dw.place(name, src, old.ID); err != nil {
		return false // the build writes the file instead
	}
	ru.res.reused(int(old.ID.Size))
	return true
}

// summary records the summary of a posting file without one in its front
// matter.
func (ru *reuser) summary(hash uint64, s string) {
	ru.mu.Lock()
	ru.next.Summaries[hash] = s
	ru.mu.Unlock()
}

// job is the entry of key in the previous jobs.xml, if prev recorded it
// and that file is still the one recorded.
func (ru *reuser) job(key uint64) ([]byte, bool) {
	sp, ok := ru.prev.Jobs[key]
	if !ok {
		return nil, false
	}
	ru.jobsOnce.Do(func() {
		old, ok := ru.prev.Files["jobs.xml"]
		if !ok {
			return
		}
		src := filepath.Join(ru.dw.prev, "jobs.xml")
		f := openPrevious(src)
		if f == nil {
			return
		}
		if id, ok := statID(src); !ok || id != old.ID {
			f.Close()
			return
		}
		ru.jobsFile = f
	})
	if ru.jobsFile == nil {
		return nil, false
	}
	data := make([]byte, sp.Len)
	if _, err := ru.jobsFile.ReadAt(data, sp.Off); err != nil {
		return nil, false
	}
	return data, true
}

// jobAt records where the entry of key was written in the new jobs.xml.
func (ru *reuser) jobAt(key uint64, sp span) {
	ru.mu.Lock()
	ru.next.Jobs[key] = sp
	ru.mu.Unlock()
}

// close lets go of the previous jobs.xml.
func (ru *reuser) close() {
	if ru.jobsFile != nil {
		ru.jobsFile.Close()
	}
}

// manifest is the next manifest: every file of the new output with its
// key (noKey for a file made without one) and identity, as the
// dirWriter recorded them; dirs are the identities of its folders.
func (ru *reuser) manifest(dirs map[string]fileID) *manifest {
	ru.mu.Lock()
	defer ru.mu.Unlock()
	ru.dw.mu.Lock()
	defer ru.dw.mu.Unlock()
	files := make(map[string]outFile, len(ru.dw.ids))
	for name, id := range ru.dw.ids {
		key := uint64(noKey)
		if f, ok := ru.next.Files[name]; ok {
			key = f.Key
		}
		files[name] = outFile{Key: key, ID: id}
	}
	ru.next.Files, ru.next.Dirs = files, dirs
	return ru.next
}

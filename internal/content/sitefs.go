package content

import (
	"errors"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strings"

	"github.com/jobboard/jobboard/internal/msg"
)

// The site folder is a boundary: nothing outside it is read, so nothing
// outside it is published. DirFS opens the folder as an os.Root, which
// refuses every path and symbolic link that leads outside it, and says
// which link it refused with a *LinkError.
//
// Links that stay inside the site folder:
//   - a link to a file is followed: the file is read as if it were where
//     the link is (a shared logo linked into assets/, say);
//   - a link to a folder within content/, layouts/ or assets/ is an error
//     (the listings of those folders would not look inside it, and a link
//     back up would make them go round for ever); content/, layouts/ and
//     assets/ themselves may be links to folders inside the site folder;
//   - a link written as a full path (/home/…) is refused even when it
//     leads inside, as os.Root refuses it: write it from the link's own
//     folder (../shared/logo.svg).
//
// A link that leads round in a loop is refused after a few turns.

// A LinkError is a path of the site folder that jobboard will not read
// because of a symbolic link: one leading outside the site folder, or
// round in a loop, or (found while listing a folder) to a folder.
type LinkError struct {
	Path   string // the path read, from the site folder: "assets/env.txt"
	Link   string // the link on the way: Path, or a folder on its way
	Target string // where Link leads, as written in it
	Kind   LinkKind
	inside bool // Outside: a full path that leads inside the site folder
}

// LinkKind says why a link is refused.
type LinkKind int

const (
	Outside LinkKind = iota // leads outside the site folder
	Loop                    // leads round in a loop
	Folder                  // leads to a folder, within content/, layouts/ or assets/
)

func (e *LinkError) Error() string { return e.Path + ": " + e.Msg().String() }

// Msg is the message of a diagnostic of the file e.Path.
func (e *LinkError) Msg() msg.Text {
	what := msg.New("a link to %s", e.Target)
	if e.Link != e.Path {
		what = msg.New("in %s, a link to %s", e.Link, e.Target)
	}
	switch {
	case e.Kind == Loop:
		return msg.New("%s, which leads round in a loop; make it lead to a file, or remove it", what)
	case e.Kind == Folder:
		return msg.New("%s, a folder; jobboard does not follow links to folders: move the folder here instead of linking to it", what)
	case e.inside:
		return msg.New("%s, written as a full path; jobboard follows a link only when it is written from the link's own folder (like ../shared/logo.svg) and stays inside the site folder: write it so, or copy the file in", what)
	}
	return msg.New("%s, outside the site folder; jobboard publishes only files inside the site folder: copy the file (or the folder) in instead of linking to it", what)
}

// siteFS is the site folder, opened as an os.Root.
type siteFS struct {
	root *os.Root
	fsys fs.FS // root.FS()
	abs  string
}

// openSite opens the site folder dir; it returns an fs.FS that fails
// every operation with the error of the opening when dir cannot be opened.
func openSite(dir string) (*siteFS, fs.FS) {
	root, err := os.OpenRoot(dir)
	if err != nil {
		var pe *fs.PathError
		if errors.As(err, &pe) {
			err = pe.Err
		}
		return nil, brokenFS{err}
	}
	abs, _ := filepath.Abs(dir)
	if real, err := filepath.EvalSymlinks(abs); err == nil {
		abs = real
	}
	return &siteFS{root: root, fsys: root.FS(), abs: abs}, nil
}

func (s *siteFS) Open(name string) (fs.File, error) {
	f, err := s.fsys.Open(name)
	return f, s.explain(name, err)
}

func (s *siteFS) Stat(name string) (fs.FileInfo, error) {
	fi, err := fs.Stat(s.fsys, name)
	return fi, s.explain(name, err)
}

func (s *siteFS) ReadFile(name string) ([]byte, error) {
	data, err := fs.ReadFile(s.fsys, name)
	return data, s.explain(name, err)
}

func (s *siteFS) ReadDir(name string) ([]fs.DirEntry, error) {
	es, err := fs.ReadDir(s.fsys, name)
	return es, s.explain(name, err)
}

func (s *siteFS) ReadLink(name string) (string, error) { return fs.ReadLink(s.fsys, name) }

func (s *siteFS) Lstat(name string) (fs.FileInfo, error) { return fs.Lstat(s.fsys, name) }

// maxLinks is how many links a path may go through: os.Root's limit.
const maxLinks = 8

// explain returns err, or when err came of a link that leads outside the
// site folder or round in a loop, a *LinkError that says which. It
// follows name's links as os.Root does (their targets joined to the path
// of their folder, ".." taken off as written), looking for the one
// refused.
func (s *siteFS) explain(name string, err error) error {
	if err == nil || errors.Is(err, fs.ErrNotExist) || !fs.ValidPath(name) {
		return err
	}
	parts := strings.Split(name, "/")
	links := 0
	for i := 0; i < len(parts); i++ {
		p := strings.Join(parts[:i+1], "/")
		fi, lerr := s.root.Lstat(p)
		if lerr != nil || fi.Mode()&fs.ModeSymlink == 0 {
			if lerr != nil {
				return err
			}
			continue
		}
		target, lerr := s.root.Readlink(p)
		if lerr != nil {
			return err
		}
		le := &LinkError{Path: name, Link: p, Target: target}
		if links++; links > maxLinks {
			le.Kind = Loop
			return le
		}
		if filepath.IsAbs(target) || path.IsAbs(filepath.ToSlash(target)) {
			if s.abs != "" {
				rel, rerr := filepath.Rel(s.abs, target)
				le.inside = rerr == nil && filepath.IsLocal(rel)
			}
			return le
		}
		joined := path.Join(path.Join(parts[:i]...), filepath.ToSlash(target))
		if joined == ".." || strings.HasPrefix(joined, "../") {
			return le
		}
		parts = append(strings.Split(joined, "/"), parts[i+1:]...)
		i = -1
	}
	return err
}

// brokenFS is a site folder that cannot be opened.
type brokenFS struct{ err error }

func (b brokenFS) Open(name string) (fs.File, error) {
	return nil, &fs.PathError{Op: "open", Path: name, Err: b.err}
}

// linkProblem is what is wrong with the link p of fsys, found while
// listing a folder: nothing (the zero Text), or the message of a diagnostic.
func linkProblem(fsys fs.FS, p string) msg.Text {
	st, err := fs.Stat(fsys, p)
	switch {
	case err == nil && st.IsDir():
		target, _ := fs.ReadLink(fsys, p)
		return (&LinkError{Path: p, Link: p, Target: target, Kind: Folder}).Msg()
	case errors.Is(err, fs.ErrNotExist):
		target, _ := fs.ReadLink(fsys, p)
		return msg.New("a link to %s, which does not exist; make it lead to a file, or remove it", target)
	case err != nil:
		return readProblem(err)
	}
	return msg.Text{}
}

// CheckLinks reports, as errors, the links under the folders dirs of the
// site that jobboard will not follow (see DirFS): the build checks
// layouts/ and assets/ so; content/ is checked as it is listed.
func CheckLinks(fsys fs.FS, dirs ...string) Diagnostics {
	var l list
	for _, dir := range dirs {
		err := fs.WalkDir(fsys, dir, func(p string, e fs.DirEntry, err error) error {
			if err != nil {
				if errors.Is(err, fs.ErrNotExist) && p == dir {
					return nil
				}
				l.errorf(p, 0, "", "%s", readProblem(err))
				return nil
			}
			if e.Type()&fs.ModeSymlink != 0 {
				if problem := linkProblem(fsys, p); !problem.IsZero() {
					l.errorf(p, 0, "", "%s", problem)
				}
			}
			return nil
		})
		if err != nil {
			l.errorf(dir, 0, "", "%s", readProblem(err))
		}
	}
	return l.ds
}

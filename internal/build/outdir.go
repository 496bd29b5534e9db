package build

import (
	"bufio"
	"encoding/gob"
	"errors"
	"github.com/jobboard/jobboard/internal/feeds"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"

	"github.com/jobboard/jobboard/internal/msg"
	"golang.org/x/text/language"
)

// An OutError is an output folder a build refuses, because putting the
// site there would replace or delete files jobboard did not make: the
// site folder or one above it, content/, layouts/ or assets/ or a folder
// inside or above one of them, a file, or a folder that holds files and
// is not a previous output. Nothing was written or removed.
type OutError struct {
	Out    string   // the output folder, as given (the default's path when none was)
	Reason msg.Text // what the folder is and what a build would do to it, in plain words
}

func (e *OutError) Error() string { return e.In(msg.English) }

// In is the error in language l.
func (e *OutError) In(l msg.Lang) string { return l.Sprintf("output folder %s: %s", e.Out, e.Reason) }

// checkOut refuses the output folder out of a build of the site folder
// root with an *OutError when a build there would destroy what jobboard
// did not make (see OutError). A folder that does not exist, an empty one
// and a previous output (outputLike, or the one a manifest beside it
// describes) are accepted. Relative paths are from the working folder,
// and symbolic links are followed: what is returned is out with its links
// resolved, the folder to build into, so that a link to a previous output
// stays a link to the new one.
func checkOut(root, out string) (string, error) {
	refuse := func(format string, args ...any) (string, error) {
		return "", &OutError{Out: out, Reason: msg.New(format, args...)}
	}
	real, err := resolve(out)
	if err != nil {
		return "", err
	}
	site, err := resolve(root)
	if err != nil {
		return "", err
	}
	switch {
	case real == site:
		return refuse("that is the site folder; the build would replace content/, layouts/ and assets/ with the web site")
	case within(site, real):
		return refuse("that folder holds the site folder (%s); the build would replace it, content/, layouts/ and assets/ with the web site", site)
	}
	for _, sub := range []struct {
		name string
		what msg.Text
	}{
		{"content", msg.New("your postings")},
		{"layouts", msg.New("the page templates")},
		{"assets", msg.New("the style sheet and images")},
	} {
		p, err := resolve(filepath.Join(site, sub.name))
		if err != nil {
			return "", err
		}
		switch {
		case real == p:
			return refuse("that is the site's %s/ folder; the build would replace %s with the web site", sub.name, sub.what)
		case within(real, p):
			return refuse("that is inside the site's %s/ folder; the build would mix the web site with %s", sub.name, sub.what)
		case within(p, real):
			return refuse("that folder holds the site's %s/ folder (%s); the build would replace %s with the web site", sub.name, p, sub.what)
		}
	}
	fi, err := os.Lstat(real)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return real, nil
	case err != nil:
		return "", err
	case !fi.IsDir():
		return refuse("that is a file, not a folder; the build would replace it with the web site")
	}
	switch reason, err := foreignFiles(real); {
	case err != nil:
		return "", err
	case !reason.IsZero():
		return refuse("%s", reason)
	}
	return real, nil
}

// foreignFiles says why the existing folder dir may not be built into
// (it holds files jobboard did not make), or the zero Text when it may:
// it is empty, or a previous output.
func foreignFiles(dir string) (msg.Text, error) {
	entries, err := os.ReadDir(dir)
	if err != nil || len(entries) == 0 || outputLike(dir, entries) {
		return msg.Text{}, err
	}
	recorded := recordedOutput(dir)
	var names []string
	for _, e := range entries {
		if !madeHere(dir, e, recorded) {
			n := e.Name()
			if e.IsDir() {
				n += "/"
			}
			names = append(names, n)
		}
	}
	held := msg.Plain(strings.Join(names[:min(len(names), 3)], ", "))
	if len(names) > 3 {
		held = msg.New("%s and %d more", held, len(names)-3)
	}
	switch {
	case recorded && len(names) == 0:
		return msg.Text{}, nil
	case recorded:
		// A file put there by hand (a CNAME, a search engine's
		// verification page) would be lost without a word.
		return msg.New("jobboard built that folder, but %s in it did not come from jobboard; the build replaces the folder as a whole and would delete it: move it out", held), nil
	case len(names) == 0: // jobboard's names only, but not jobs.xml and the others
		for _, e := range entries {
			names = append(names, e.Name())
		}
		held = msg.Plain(strings.Join(names[:min(len(names), 3)], ", "))
	}
	return msg.New("that folder holds %s and is not a site jobboard built; the build would delete what it holds", held), nil
}

// resolve is the absolute, cleaned path of p with its symbolic links
// resolved; as much of it as exists when the rest does not.
func resolve(p string) (string, error) {
	abs, err := filepath.Abs(p)
	if err != nil {
		return "", err
	}
	var rest []string
	for {
		real, err := filepath.EvalSymlinks(abs)
		if err == nil {
			return filepath.Join(append([]string{real}, rest...)...), nil
		}
		parent := filepath.Dir(abs)
		if !errors.Is(err, fs.ErrNotExist) || parent == abs {
			// A link that leads nowhere, a folder not to be read: the
			// path as given, which the build will fail to use if it
			// cannot.
			return filepath.Join(append([]string{abs}, rest...)...), nil
		}
		rest = append([]string{filepath.Base(abs)}, rest...)
		abs = parent
	}
}

// within says whether the path p lies inside the folder dir (both
// absolute and clean).
func within(p, dir string) bool {
	rel, err := filepath.Rel(dir, p)
	return err == nil && rel != "." && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator)) && !filepath.IsAbs(rel)
}

// outputFiles are the files a build writes at the top of the output; the
// first three are in every output, and are how one is recognised.
var outputFiles = []string{"jobs.xml", "sitemap.xml", "robots.txt", "index.html", "404.html", feeds.RecordFile}

// systemFiles are made in folders by file browsers, not by their users.
var systemFiles = []string{".DS_Store", "Thumbs.db", "desktop.ini"}

// outputLike says whether the folder dir, holding entries, looks like the
// output of a build, of this jobboard or of any before it: it holds
// jobs.xml, sitemap.xml and robots.txt, and nothing else than what a
// build writes (the other top-level pages, assets/ and a folder per
// language, each with its index.html). An output checked out by git, or
// copied, is recognised so.
func outputLike(dir string, entries []fs.DirEntry) bool {
	has := 0
	for _, e := range entries {
		if !madeHere(dir, e, false) {
			return false
		}
		for _, n := range outputFiles[:3] {
			if e.Name() == n {
				has++
			}
		}
	}
	return has == 3
}

// madeHere says whether e, in the folder dir, is a name a build writes at
// the top of its output (or a file browser's). A language's folder must
// hold its index.html, unless the folder is recorded as a build's output
// (the page may have been removed by hand since: the build makes it).
func madeHere(dir string, e fs.DirEntry, recorded bool) bool {
	name := e.Name()
	switch {
	case e.Type().IsRegular():
		for _, n := range append(outputFiles, systemFiles...) {
			if name == n {
				return true
			}
		}
		return indexNowKeyFile(dir, name)
	case !e.IsDir():
		// A link in place of a file of the build's, in an output recorded
		// as one: the build writes its file there.
		return recorded && slices.Contains(outputFiles, name)
	case name == "assets" || name == "admin":
		return true
	}
	if t, err := language.Parse(name); err != nil || t.String() != name || t == language.Und {
		return false
	}
	if recorded {
		return true
	}
	fi, err := os.Lstat(filepath.Join(dir, name, "index.html"))
	return err == nil && fi.Mode().IsRegular()
}

// indexNowKeyFile says whether the file name of dir is the key file of
// IndexNow a build writes (site.yaml's indexnow_key): <key>.txt, holding
// the key.
func indexNowKeyFile(dir, name string) bool {
	key, ok := strings.CutSuffix(name, ".txt")
	if !ok || len(key) < 8 || len(key) > 128 {
		return false
	}
	data, err := os.ReadFile(filepath.Join(dir, name))
	return err == nil && string(data) == key
}

// recordedOutput says whether the folder dir is the output the build
// manifest beside it describes (the very folder, by its identity; what
// it holds may have been changed by hand since).
func recordedOutput(dir string) bool {
	if !fileIDs {
		return false
	}
	f, err := os.Open(manifestPath(dir))
	if err != nil {
		return false
	}
	defer f.Close()
	var m manifest
	if err := gob.NewDecoder(bufio.NewReader(f)).Decode(&m); err != nil || m.Format != manifestFormat {
		return false
	}
	rec, ok := m.Dirs["."]
	if !ok {
		return false
	}
	id, ok := dirID(dir)
	return ok && id.sameFile(rec)
}

// leftoverRE matches the folders a build of the output name makes beside
// it, and leaves if it is killed: the new output (.public-new-<digits>,
// named by os.MkdirTemp) and, where folders cannot be exchanged in one
// step, the previous output renamed aside (.public-old-<time>).
func leftoverRE(name string) *regexp.Regexp {
	return regexp.MustCompile(`^\.` + regexp.QuoteMeta(name) + `-(new|old)-[0-9]+$`)
}

// newPrefix and oldPrefix are the names of those folders, for the output
// out.
func newPrefix(out string) string { return "." + filepath.Base(out) + "-new-" }
func oldPrefix(out string) string { return "." + filepath.Base(out) + "-old-" }

// removeLeftovers removes the folders a build of out killed half-way
// left beside it (see leftoverRE); only folders, never links. The caller
// holds the lock of out: no other build is making one.
func removeLeftovers(out string) error {
	entries, err := os.ReadDir(filepath.Dir(out))
	if err != nil {
		return err
	}
	re := leftoverRE(filepath.Base(out))
	var errs []error
	for _, e := range entries {
		if e.IsDir() && re.MatchString(e.Name()) {
			errs = append(errs, removeTree(filepath.Join(filepath.Dir(out), e.Name())))
		}
	}
	return errors.Join(errs...)
}

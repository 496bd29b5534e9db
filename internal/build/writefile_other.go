//go:build !unix

package build

import "os"

func writeFile(name string, data []byte) error { return os.WriteFile(name, data, 0o644) }

// sameContent says whether name is a regular file (not a symbolic link)
// holding exactly data. It reads the file in pieces of len(buf) bytes and
// stops at the first difference.
func sameContent(name string, data, buf []byte) bool {
	f := openPrevious(name)
	if f == nil {
		return false
	}
	defer f.Close()
	if fi, err := f.Stat(); err != nil || fi.Size() != int64(len(data)) {
		return false
	}
	return readsAs(f, data, buf) && atEnd(f, buf)
}

// openPrevious opens name for reading if it is a regular file, not a
// symbolic link; nil otherwise.
func openPrevious(name string) *os.File {
	if fi, err := os.Lstat(name); err != nil || !fi.Mode().IsRegular() {
		return nil
	}
	f, err := os.Open(name)
	if err != nil {
		return nil
	}
	return f
}

// fileIDs says that files here have no identity a build manifest can
// trust (no inode numbers): every build renders every page into a new
// folder.
const fileIDs = false

func statID(name string) (fileID, bool) { return fileID{}, false }
func dirID(name string) (fileID, bool)  { return fileID{}, false }

// lock is not needed here: without file identities a build keeps no spare
// (see Build).
func lock(p string) (func(), error) { return func() {}, nil }

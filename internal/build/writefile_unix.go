//go:build unix

package build

import (
	"io"
	"io/fs"
	"os"
	"syscall"
)

// writeFile is os.WriteFile without the os.File around the descriptor:
// opening a file through package os also tries to register it with the
// network poller and sets its flags, several system calls more per file,
// 20,000 times in a build of 10,000 postings.
func writeFile(name string, data []byte) error {
	fd, err := syscall.Open(name, syscall.O_WRONLY|syscall.O_CREAT|syscall.O_TRUNC|syscall.O_CLOEXEC, 0o644)
	if err != nil {
		return &os.PathError{Op: "open", Path: name, Err: err}
	}
	for len(data) > 0 {
		n, err := syscall.Write(fd, data)
		if err == syscall.EINTR {
			continue
		}
		if err != nil {
			syscall.Close(fd)
			return &os.PathError{Op: "write", Path: name, Err: err}
		}
		data = data[n:]
	}
	if err := syscall.Close(fd); err != nil {
		return &os.PathError{Op: "close", Path: name, Err: err}
	}
	return nil
}

// sameContent says whether name is a regular file (not a symbolic link)
// holding exactly data. It reads the file in pieces of len(buf) bytes and
// stops at the first difference. Like writeFile, it keeps to the system
// calls: it runs for every file of a rebuild.
func sameContent(name string, data, buf []byte) bool {
	fd, err := syscall.Open(name, syscall.O_RDONLY|syscall.O_CLOEXEC|syscall.O_NOFOLLOW, 0)
	if err != nil {
		return false
	}
	defer syscall.Close(fd)
	var st syscall.Stat_t
	if err := syscall.Fstat(fd, &st); err != nil || st.Mode&syscall.S_IFMT != syscall.S_IFREG || st.Size != int64(len(data)) {
		return false
	}
	// atEnd: the file may have grown since the Fstat.
	return readsAs(fdReader(fd), data, buf) && atEnd(fdReader(fd), buf)
}

// fdReader reads a file descriptor.
type fdReader int

func (fd fdReader) Read(p []byte) (int, error) {
	for {
		n, err := syscall.Read(int(fd), p)
		switch {
		case err == syscall.EINTR:
			continue
		case err != nil:
			return 0, err
		case n == 0 && len(p) > 0:
			return 0, io.EOF
		}
		return n, nil
	}
}

// openPrevious opens name for reading if it is a regular file, not a
// symbolic link; nil otherwise.
func openPrevious(name string) *os.File {
	f, err := os.OpenFile(name, os.O_RDONLY|syscall.O_NOFOLLOW, 0)
	if err != nil {
		return nil
	}
	if fi, err := f.Stat(); err != nil || !fi.Mode().IsRegular() {
		f.Close()
		return nil
	}
	return f
}

// fileIDs says that files here have identities a build manifest can
// trust (see manifest.go).
const fileIDs = true

// statID is the identity of name if it is a regular file, not a symbolic
// link.
func statID(name string) (fileID, bool) { return lstatID(name, 0) }

// dirID is the identity of name if it is a folder, not a symbolic link.
func dirID(name string) (fileID, bool) { return lstatID(name, fs.ModeDir) }

func lstatID(name string, kind fs.FileMode) (fileID, bool) {
	fi, err := os.Lstat(name)
	if err != nil || fi.Mode().Type() != kind {
		return fileID{}, false
	}
	st, ok := fi.Sys().(*syscall.Stat_t)
	if !ok {
		return fileID{}, false
	}
	return fileID{Size: fi.Size(), ModTime: fi.ModTime().UnixNano(), Ino: uint64(st.Ino), Dev: uint64(st.Dev), Ctime: changeTime(st)}, true
}

// lock takes a lock on the folder p for this process, waiting for
// another that holds it, and returns its release. The lock goes with the
// process if it dies; it leaves nothing in the folder.
func lock(p string) (func(), error) {
	f, err := os.Open(p)
	if err != nil {
		return nil, err
	}
	for {
		err = syscall.Flock(int(f.Fd()), syscall.LOCK_EX)
		if err != syscall.EINTR {
			break
		}
	}
	if err != nil {
		f.Close()
		return nil, &os.PathError{Op: "lock", Path: p, Err: err}
	}
	return func() { f.Close() }, nil
}

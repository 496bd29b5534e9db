package content

import (
	"io"
	"io/fs"
	"os"
	"syscall"
	"time"
)

// DirFS is the site folder dir as a file system: os.DirFS(dir), which
// also reads a content file with its size and time in five system calls
// (open, fstat, two reads, close) where fs.Stat and fs.ReadFile make
// eleven (strace: os.File also tries the network poller, with four
// fcntls and an epoll_ctl), and without the os.File around the
// descriptor (see readFileStat).
func DirFS(dir string) fs.FS {
	fsys := os.DirFS(dir)
	std, ok := fsys.(osDirFS)
	if !ok || dir == "" { // "" refuses every name, as it should
		return fsys
	}
	return dirFS{std, dir}
}

// osDirFS is what os.DirFS returns.
type osDirFS interface {
	fs.StatFS
	fs.ReadFileFS
	fs.ReadDirFS
}

type dirFS struct {
	osDirFS
	dir string
}

func (d dirFS) readFileStat(name string) ([]byte, int64, time.Time, error) {
	if !fs.ValidPath(name) {
		return nil, 0, time.Time{}, &fs.PathError{Op: "open", Path: name, Err: fs.ErrInvalid}
	}
	var fd int
	var err error
	for {
		fd, err = syscall.Open(d.dir+"/"+name, syscall.O_RDONLY|syscall.O_CLOEXEC, 0)
		if err != syscall.EINTR {
			break
		}
	}
	if err != nil {
		return nil, 0, time.Time{}, &fs.PathError{Op: "open", Path: name, Err: err}
	}
	defer syscall.Close(fd)
	var st syscall.Stat_t
	if err := syscall.Fstat(fd, &st); err != nil {
		return nil, 0, time.Time{}, &fs.PathError{Op: "stat", Path: name, Err: err}
	}
	data, err := readToEnd(fdReader(fd), st.Size)
	if err != nil {
		return nil, 0, time.Time{}, &fs.PathError{Op: "read", Path: name, Err: err}
	}
	return data, st.Size, time.Unix(st.Mtim.Unix()), nil
}

// fdReader reads a file descriptor, as build's does for its writes'
// checks (a type of each package: neither has a place for the other's).
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

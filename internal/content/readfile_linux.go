package content

import (
	"io/fs"
	"os"
	"syscall"
	"time"
)

// DirFS is the site folder dir as a file system: os.DirFS(dir), which
// also reads a content file with its size and time in five system calls
// (open, fstat, two reads, close) where fs.Stat and fs.ReadFile make
// seven, and without the os.File around the descriptor (see readFileStat).
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
	// One byte more than the size, to see the end without growing.
	buf := make([]byte, 0, max(st.Size, 0)+1)
	for {
		n, err := syscall.Read(fd, buf[len(buf):cap(buf)])
		switch {
		case err == syscall.EINTR:
			continue
		case err != nil:
			return nil, 0, time.Time{}, &fs.PathError{Op: "read", Path: name, Err: err}
		case n == 0:
			return buf, st.Size, time.Unix(st.Mtim.Unix()), nil
		}
		buf = buf[:len(buf)+n]
		if len(buf) == cap(buf) {
			buf = append(buf, 0)[:len(buf)] // grown: the file is longer than it was
		}
	}
}

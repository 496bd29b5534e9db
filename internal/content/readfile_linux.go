package content

import (
	"io"
	"io/fs"
	"path"
	"runtime"
	"syscall"
	"time"

	"golang.org/x/sys/unix"
)

// DirFS is the site folder dir as a file system, which reads nothing
// outside dir (see siteFS): an os.Root. It also reads a content file with
// its size and time in five system calls (openat2, fstat, two reads,
// close) where fs.Stat and fs.ReadFile make eleven or more (strace:
// os.File also tries the network poller, with four fcntls and an
// epoll_ctl, and os.Root opens each folder on the way), and without the
// os.File around the descriptor (see readFileStat): openat2 with
// RESOLVE_BENEATH refuses, as os.Root does, a link that leads outside dir
// or is written as a full path.
func DirFS(dir string) fs.FS {
	s, broken := openSite(dir)
	if s == nil {
		return broken
	}
	fd, err := unix.Open(dir, unix.O_PATH|unix.O_DIRECTORY|unix.O_CLOEXEC, 0)
	if err != nil {
		return s
	}
	d := &dirFS{siteFS: s, dirfd: fd}
	runtime.AddCleanup(d, func(fd int) { unix.Close(fd) }, fd)
	return d
}

// dirFS is a siteFS that reads content files through the folder's
// descriptor, dirfd.
type dirFS struct {
	*siteFS
	dirfd int
}

// beneath is how readFileStat opens: no link out of the folder, none to
// /proc's magic links.
var beneath = unix.OpenHow{Flags: unix.O_RDONLY | unix.O_CLOEXEC, Resolve: unix.RESOLVE_BENEATH | unix.RESOLVE_NO_MAGICLINKS}

func (d *dirFS) readFileStat(name string) ([]byte, int64, time.Time, error) {
	if !fs.ValidPath(name) {
		return nil, 0, time.Time{}, &fs.PathError{Op: "open", Path: name, Err: fs.ErrInvalid}
	}
	defer runtime.KeepAlive(d) // and so d.dirfd
	var fd int
	var err error
	for {
		how := beneath
		fd, err = unix.Openat2(d.dirfd, name, &how)
		if err != syscall.EINTR && err != syscall.EAGAIN { // EAGAIN: a rename in the folder meanwhile
			break
		}
	}
	switch err {
	case nil:
	case syscall.ENOSYS, syscall.EPERM:
		// A kernel before 5.6, or a sandbox that forbids openat2: the
		// os.Root's way.
		return readFileStatFS(d.siteFS, name)
	default:
		return nil, 0, time.Time{}, d.explain(name, &fs.PathError{Op: "open", Path: name, Err: err})
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

// Stat is fs.Stat in three system calls (openat2 of a path only, fstat,
// close) where os.Root opens every folder on the way: a rebuild of the
// Loader looks up every content file it read before (see unchanged).
func (d *dirFS) Stat(name string) (fs.FileInfo, error) {
	if !fs.ValidPath(name) {
		return nil, &fs.PathError{Op: "stat", Path: name, Err: fs.ErrInvalid}
	}
	defer runtime.KeepAlive(d)
	var fd int
	var err error
	for {
		how := unix.OpenHow{Flags: unix.O_PATH | unix.O_CLOEXEC, Resolve: beneath.Resolve}
		fd, err = unix.Openat2(d.dirfd, name, &how)
		if err != syscall.EINTR && err != syscall.EAGAIN {
			break
		}
	}
	switch err {
	case nil:
	case syscall.ENOSYS, syscall.EPERM:
		return d.siteFS.Stat(name)
	default:
		return nil, d.explain(name, &fs.PathError{Op: "stat", Path: name, Err: err})
	}
	defer syscall.Close(fd)
	var st syscall.Stat_t
	if err := syscall.Fstat(fd, &st); err != nil {
		return nil, &fs.PathError{Op: "stat", Path: name, Err: err}
	}
	return &statInfo{name: path.Base(name), st: st}, nil
}

// statInfo is the fs.FileInfo of a Stat_t.
type statInfo struct {
	name string
	st   syscall.Stat_t
}

func (s *statInfo) Name() string       { return s.name }
func (s *statInfo) Size() int64        { return s.st.Size }
func (s *statInfo) ModTime() time.Time { return time.Unix(s.st.Mtim.Unix()) }
func (s *statInfo) IsDir() bool        { return s.Mode().IsDir() }
func (s *statInfo) Sys() any           { return &s.st }
func (s *statInfo) Mode() fs.FileMode {
	m := fs.FileMode(s.st.Mode & 0o777)
	switch s.st.Mode & syscall.S_IFMT {
	case syscall.S_IFDIR:
		m |= fs.ModeDir
	case syscall.S_IFLNK:
		m |= fs.ModeSymlink
	case syscall.S_IFIFO:
		m |= fs.ModeNamedPipe
	case syscall.S_IFSOCK:
		m |= fs.ModeSocket
	case syscall.S_IFCHR:
		m |= fs.ModeDevice | fs.ModeCharDevice
	case syscall.S_IFBLK:
		m |= fs.ModeDevice
	}
	if s.st.Mode&syscall.S_ISUID != 0 {
		m |= fs.ModeSetuid
	}
	if s.st.Mode&syscall.S_ISGID != 0 {
		m |= fs.ModeSetgid
	}
	if s.st.Mode&syscall.S_ISVTX != 0 {
		m |= fs.ModeSticky
	}
	return m
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

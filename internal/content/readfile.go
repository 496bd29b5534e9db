package content

import (
	"io"
	"io/fs"
	"time"
)

// A statReader reads a file and says its size and modification time when
// it was opened, in one go (see DirFS).
type statReader interface {
	readFileStat(name string) (data []byte, size int64, mtime time.Time, err error)
}

// ReadFile reads the file name of fsys, as fs.ReadFile does, in fewer
// system calls from a DirFS.
func ReadFile(fsys fs.FS, name string) ([]byte, error) {
	data, _, _, err := readFileStat(fsys, name)
	return data, err
}

// readFileStat reads the file name of fsys and says its size and
// modification time when it was opened, through the file it opened rather
// than by its name again: the Loader compares them the next time, and a
// rebuild reads every content file (20,000 at 10,000 postings).
func readFileStat(fsys fs.FS, name string) (data []byte, size int64, mtime time.Time, err error) {
	if sr, ok := fsys.(statReader); ok {
		return sr.readFileStat(name)
	}
	return readFileStatFS(fsys, name)
}

// readFileStatFS is readFileStat through fs.FS's methods.
func readFileStatFS(fsys fs.FS, name string) (data []byte, size int64, mtime time.Time, err error) {
	f, err := fsys.Open(name)
	if err != nil {
		return nil, 0, time.Time{}, err
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return nil, 0, time.Time{}, err
	}
	data, err = readToEnd(f, st.Size())
	if err != nil {
		return nil, 0, time.Time{}, &fs.PathError{Op: "read", Path: name, Err: err}
	}
	return data, st.Size(), st.ModTime(), nil
}

// readToEnd reads r, a file of size bytes when it was opened, to its
// end, into a buffer of one byte more than that, to see the end without
// growing; grown only if the file grew.
func readToEnd(r io.Reader, size int64) ([]byte, error) {
	buf := make([]byte, 0, max(size, 0)+1)
	for {
		n, err := r.Read(buf[len(buf):cap(buf)])
		buf = buf[:len(buf)+n]
		if err == io.EOF {
			return buf, nil
		}
		if err != nil {
			return nil, err
		}
		if len(buf) == cap(buf) {
			buf = append(buf, 0)[:len(buf)]
		}
	}
}

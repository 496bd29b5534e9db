package content

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"time"

	"github.com/jobboard/jobboard/internal/msg"
)

// maxFileSize is the most a content file may hold. A posting is a page of
// text, a few kilobytes; 1 MiB is hundreds of pages. A larger file (a
// video or a database saved under the wrong name) is refused before it is
// read, so that it cannot make a check or a build slow or fill memory.
const maxFileSize = 1 << 20

// A tooLargeError is the error of a file larger than maxFileSize.
type tooLargeError struct {
	size int64 // when the file grew while read, the size read so far
}

func (e *tooLargeError) Error() string {
	return e.Msg().String()
}

// Msg is the message of a diagnostic of the file.
func (e *tooLargeError) Msg() msg.Text {
	return msg.New("the file is %s bytes (%.1f MB); a content file can hold at most %s bytes (%d MB), hundreds of pages of text: check that this is the right file, or shorten it",
		groupDigits(e.size), float64(e.size)/(1<<20), groupDigits(maxFileSize), maxFileSize>>20)
}

// groupDigits writes n with a comma between groups of three digits.
func groupDigits(n int64) string {
	s := fmt.Sprint(n)
	for i := len(s) - 3; i > 0 && s[i-1] != '-'; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}

// readProblem is the message of a diagnostic about a file that could not
// be read.
func readProblem(err error) msg.Text {
	if tl := (*tooLargeError)(nil); errors.As(err, &tl) {
		return tl.Msg()
	}
	if le := (*LinkError)(nil); errors.As(err, &le) {
		return le.Msg()
	}
	return msg.New("cannot read: %v", err)
}

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
// growing; grown only if the file grew. A file of more than maxFileSize
// bytes is not read, or not further than that if it grew while read.
func readToEnd(r io.Reader, size int64) ([]byte, error) {
	if size > maxFileSize {
		return nil, &tooLargeError{size}
	}
	buf := make([]byte, 0, max(size, 0)+1)
	for {
		if len(buf) > maxFileSize {
			return nil, &tooLargeError{int64(len(buf))}
		}
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

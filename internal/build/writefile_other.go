//go:build !unix

package build

import (
	"bytes"
	"io"
	"os"
)

func writeFile(name string, data []byte) error { return os.WriteFile(name, data, 0o644) }

// sameContent says whether name is a regular file (not a symbolic link)
// holding exactly data. It reads the file in pieces of len(buf) bytes and
// stops at the first difference.
func sameContent(name string, data, buf []byte) bool {
	if fi, err := os.Lstat(name); err != nil || !fi.Mode().IsRegular() || fi.Size() != int64(len(data)) {
		return false
	}
	f, err := os.Open(name)
	if err != nil {
		return false
	}
	defer f.Close()
	for len(data) > 0 {
		n, err := io.ReadFull(f, buf[:min(len(buf), len(data))])
		if err != nil || !bytes.Equal(buf[:n], data[:n]) {
			return false
		}
		data = data[n:]
	}
	n, _ := f.Read(buf[:1])
	return n == 0
}

//go:build !linux

package content

import "io/fs"

// DirFS is the site folder dir as a file system, which reads nothing
// outside dir: an os.Root (see siteFS).
func DirFS(dir string) fs.FS {
	s, broken := openSite(dir)
	if s == nil {
		return broken
	}
	return s
}

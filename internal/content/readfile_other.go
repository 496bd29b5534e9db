//go:build !linux

package content

import (
	"io/fs"
	"os"
)

// DirFS is the site folder dir as a file system: os.DirFS(dir).
func DirFS(dir string) fs.FS { return os.DirFS(dir) }

package build

import (
	"bytes"
	"errors"
	"fmt"
	"hash/fnv"
	"io/fs"
	"path"
	"strings"

	"github.com/jobboard/jobboard/internal/admin"
)

var minifiable = map[string]string{".css": "text/css", ".svg": "image/svg+xml"}

// copyAssets minifies and copies every file under assets/ but the
// editor's assets/admin/ to
// /assets/<name>.<hash>.<ext>, so browsers may cache them for ever, and
// returns the map from logical name ("style.css") to site path.
func copyAssets(fsys fs.FS, m *minifier, w Writer) (map[string]string, error) {
	names := map[string]string{}
	err := fs.WalkDir(fsys, "assets", func(p string, e fs.DirEntry, err error) error {
		if err != nil {
			if errors.Is(err, fs.ErrNotExist) && p == "assets" {
				return fs.SkipDir
			}
			return err
		}
		name := e.Name()
		if strings.HasPrefix(name, ".") || strings.HasSuffix(name, "~") {
			if e.IsDir() && p != "assets" {
				return fs.SkipDir
			}
			return nil
		}
		if e.IsDir() {
			if p == "assets/"+admin.Dir {
				return fs.SkipDir // the editor's program: copied as is, to /admin/
			}
			return nil
		}
		data, err := fs.ReadFile(fsys, p)
		if err != nil {
			return err
		}
		ext := path.Ext(name)
		// An explicit table rather than the system's MIME types keeps the
		// output the same on every machine.
		if mt := minifiable[ext]; mt != "" {
			var buf bytes.Buffer
			small, err := m.bytes(&buf, mt, data)
			if err != nil {
				return fmt.Errorf("%s: %w", p, err)
			}
			data = append([]byte(nil), small...)
		}
		h := fnv.New32a()
		h.Write(data)
		rel := strings.TrimPrefix(p, "assets/")
		hashed := fmt.Sprintf("/assets/%s.%08x%s", strings.TrimSuffix(rel, ext), h.Sum32(), ext)
		names[rel] = hashed
		return w(hashed[1:], data)
	})
	return names, err
}
